// Creating a room: the one way the app makes a new channel, with the guard incident A lacked.
// The channel's team is always gym_{gym_id} and its gym_id field the same gym; if Stream
// already has a channel with that id in another team (get-or-create returns the existing one),
// the room is refused and no row is written, instead of a room pointing at another gym's channel.
// Order, so that dying between the two steps converges: the room's id is reserved from the
// sequence, the channel is created in Stream FIRST, and the row is written after. A crash in
// between leaves a channel only in Stream whose team and gym_id agree and whose gym exists:
// exactly what the webhook handler and the repair turn into a room (create-room-from-channel.ts).
// The other order would leave a room with no channel, which nothing may safely recreate.
// A Stream answer that is not its JSON (a proxy's HTML page) or a refusal throws before the row
// is written: the caller sees the failure, and what is left is at most that channel.
import type { StreamChat } from 'stream-chat';
import type { Db } from '../db/db.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { getOrCreateGymChannel } from './get-or-create-gym-channel.ts';
import { reserveGymRoom } from './reserve-gym-room.ts';
import { parseStreamUserId } from './stream-user-id.ts';

export interface CreateGymRoomDeps {
  readonly db: Db;
  readonly stream: StreamChat;
}

export interface GymRoomRequest {
  readonly gymId: number;
  readonly name: string;
  readonly createdBy: number;
  readonly members: readonly number[];
  /** An event's chat: `event_{eventId}_{suffix}`; otherwise a group room `room_{g}_{roomId}`. */
  readonly event?: { readonly eventId: number; readonly suffix: string };
}

export type CreateGymRoomOutcome =
  | { readonly kind: 'created'; readonly roomId: number; readonly channelId: string }
  | { readonly kind: 'refused'; readonly why: string };

export async function createGymRoom(deps: CreateGymRoomDeps, request: GymRoomRequest): Promise<CreateGymRoomOutcome> {
  const { db, stream } = deps;
  const { gymId, event } = request;
  const reserved = await reserveGymRoom(db, request);
  if (reserved.kind === 'refused') return reserved;
  const { roomId, channelId } = reserved;
  const channel = await getOrCreateGymChannel(stream, channelId, request);
  if (channel.kind === 'refused') return channel;
  // The row gets the members the channel had as well as the requested ones just added to it.
  const members = [
    ...new Set([...request.members, ...channel.present.flatMap((id) => parseStreamUserId(id)?.userId ?? [])]),
  ].sort((a, b) => a - b);
  // And the channel's name: an existing channel keeps the name it has, and the room shows that one
  // (properties-chat found a room "Class 103 chat" over a channel named "Room 4").
  const name = typeof channel.name === 'string' ? channel.name : request.name;
  const stored = await withTransaction(db, async (tx) => {
    // A webhook or a repair may have made the room from the channel already: keep theirs, but
    // it has the members the channel had then, not the ones just added to it, so add them here
    // too (properties-chat found such a room of two over a channel of four, never reconciled).
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind, event_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (stream_channel_id) DO NOTHING RETURNING id`,
      [roomId, gymId, channelId, name, event ? 'event' : 'group', event?.eventId ?? null],
    );
    const id = inserted.rows[0]
      ? roomId
      : Number(
          (await tx.query<{ id: string }>('SELECT id FROM chat_rooms WHERE stream_channel_id = $1', [channelId]))
            .rows[0]!.id,
        );
    await tx.query(
      `INSERT INTO chat_room_members (room_id, user_id) SELECT $1, u.id FROM users u WHERE u.id = ANY($2::bigint[])
       ON CONFLICT DO NOTHING`,
      [id, members],
    );
    return id;
  });
  return { kind: 'created', roomId: stored, channelId };
}
