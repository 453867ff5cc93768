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
import { streamCall } from './stream-call.ts';
import { formatStreamChannelId } from './stream-channel-id.ts';
import { gymTeam, parseStreamUserId, tenantUserId } from './stream-user-id.ts';

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

interface GetOrCreateJson {
  channel?: { team?: unknown; gym_id?: unknown; name?: unknown };
  members?: readonly { user_id?: unknown }[];
}

const shown = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '(none)';

export async function createGymRoom(deps: CreateGymRoomDeps, request: GymRoomRequest): Promise<CreateGymRoomOutcome> {
  const { db, stream } = deps;
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
  const team = gymTeam(gymId);
  const response = await streamCall<GetOrCreateJson>('POST /channels/{type}/{id}/query', () =>
    stream.post(`${stream.baseURL}/channels/messaging/${channelId}/query`, {
      data: {
        team,
        gym_id: String(gymId),
        name: request.name,
        created_by_id: tenantUserId(gymId, request.createdBy),
        members: request.members.map((user) => tenantUserId(gymId, user)),
      },
      state: false,
      watch: false,
      presence: false,
    }),
  );
  const got = response.channel;
  if (got?.team !== team || shown(got.gym_id) !== String(gymId))
    return {
      kind: 'refused',
      why: `channel ${channelId} exists in team ${shown(got?.team)} with gym_id ${shown(got?.gym_id)}`,
    };
  // Get-or-create ignores data.members when the channel exists already (an earlier attempt died
  // after creating it, or another caller made it): add whoever is missing, and give the row the
  // channel's members, so the room and its channel agree (properties-chat found the room with
  // three members over a channel with one, which nothing would ever reconcile).
  const present = (response.members ?? []).flatMap((member) =>
    typeof member.user_id === 'string' ? [member.user_id] : [],
  );
  const missing = request.members.map((user) => tenantUserId(gymId, user)).filter((id) => !present.includes(id));
  if (missing.length > 0)
    await streamCall('POST /channels/{type}/{id}', () =>
      stream.post(`${stream.baseURL}/channels/messaging/${channelId}`, { add_members: missing }),
    );
  const members = [
    ...new Set([...request.members, ...present.flatMap((id) => parseStreamUserId(id)?.userId ?? [])]),
  ].sort((a, b) => a - b);
  // Likewise its name: an existing channel keeps the name it has, and the room shows that one
  // (properties-chat found a room "Class 103 chat" over a channel named "Room 4").
  const name = typeof got.name === 'string' ? got.name : request.name;
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
