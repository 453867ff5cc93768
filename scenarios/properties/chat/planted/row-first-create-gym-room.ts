/**
 * PLANTED BUG: createGymRoom writes the room's row (and its members) first and creates the
 * channel in Stream after, with nothing that ever finishes the job: a Stream error, a timeout or
 * a crash between the two leaves a room with no channel, which the audit can only report "only
 * in DB" and nobody may recreate. Same guard, same members reconciliation as src/chat's
 * createGymRoom otherwise (a refused channel takes its row back). Caught by channel-room-sync.
 */
import type { CreateGymRoomDeps, CreateGymRoomOutcome, GymRoomRequest } from '../../../../src/chat/create-gym-room.ts';
import { getOrCreateGymChannel } from '../../../../src/chat/get-or-create-gym-channel.ts';
import { reserveGymRoom } from '../../../../src/chat/reserve-gym-room.ts';
import { parseStreamUserId } from '../../../../src/chat/stream-user-id.ts';
import { withTransaction } from '../../../../src/db/with-transaction.ts';

export async function rowFirstCreateGymRoom(
  deps: CreateGymRoomDeps,
  request: GymRoomRequest,
): Promise<CreateGymRoomOutcome> {
  const { db, stream } = deps;
  const { gymId, event } = request;
  const reserved = await reserveGymRoom(db, request);
  if (reserved.kind === 'refused') return reserved;
  const { roomId, channelId } = reserved;
  // The mistake: the row is committed before Stream has the channel.
  const stored = await withTransaction(db, async (tx) => {
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind, event_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (stream_channel_id) DO NOTHING RETURNING id`,
      [roomId, gymId, channelId, request.name, event ? 'event' : 'group', event?.eventId ?? null],
    );
    if (!inserted.rows[0]) return undefined;
    await tx.query(
      `INSERT INTO chat_room_members (room_id, user_id) SELECT $1, u.id FROM users u WHERE u.id = ANY($2::bigint[])
       ON CONFLICT DO NOTHING`,
      [roomId, request.members],
    );
    return roomId;
  });
  const channel = await getOrCreateGymChannel(stream, channelId, request);
  if (channel.kind === 'refused') {
    if (stored !== undefined) await db.query('DELETE FROM chat_rooms WHERE id = $1', [stored]);
    return channel;
  }
  if (stored === undefined) {
    const existing = await db.query<{ id: string }>('SELECT id FROM chat_rooms WHERE stream_channel_id = $1', [
      channelId,
    ]);
    return { kind: 'created', roomId: Number(existing.rows[0]!.id), channelId };
  }
  const joined = channel.present.flatMap((id) => parseStreamUserId(id)?.userId ?? []);
  await db.query(
    `INSERT INTO chat_room_members (room_id, user_id) SELECT $1, u.id FROM users u WHERE u.id = ANY($2::bigint[])
     ON CONFLICT DO NOTHING`,
    [stored, joined],
  );
  return { kind: 'created', roomId: stored, channelId };
}
