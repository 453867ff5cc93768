// The first step of creating a room: check that its gym (and event) exist and reserve the room's
// id from the sequence, which names a group room's channel (`room_{g}_{roomId}`). Nothing is
// written: an id reserved by a caller that then dies is a gap in the sequence, never a row.
import type { Db } from '../db/db.ts';
import type { CreateGymRoomOutcome, GymRoomRequest } from './create-gym-room.ts';
import { formatStreamChannelId } from './stream-channel-id.ts';

export type ReservedGymRoom =
  | { readonly kind: 'reserved'; readonly roomId: number; readonly channelId: string }
  | Extract<CreateGymRoomOutcome, { kind: 'refused' }>;

export async function reserveGymRoom(db: Db, request: GymRoomRequest): Promise<ReservedGymRoom> {
  const { gymId, event } = request;
  const gym = await db.query('SELECT 1 FROM gyms WHERE id = $1', [gymId]);
  if ((gym.rowCount ?? 0) === 0) return { kind: 'refused', why: `gym ${gymId} does not exist` };
  if (event) {
    const found = await db.query('SELECT 1 FROM events WHERE id = $1 AND gym_id = $2', [event.eventId, gymId]);
    if ((found.rowCount ?? 0) === 0)
      return { kind: 'refused', why: `event ${event.eventId} of gym ${gymId} does not exist` };
  }
  const reserved = await db.query<{ id: string }>("SELECT nextval(pg_get_serial_sequence('chat_rooms', 'id')) AS id");
  const roomId = Number(reserved.rows[0]!.id);
  const channelId = formatStreamChannelId(
    event ? { kind: 'event', eventId: event.eventId, suffix: event.suffix } : { kind: 'room', gymId, roomId },
  );
  return { kind: 'reserved', roomId, channelId };
}
