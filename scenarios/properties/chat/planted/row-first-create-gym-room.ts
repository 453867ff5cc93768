/**
 * PLANTED BUG: createGymRoom writes the room's row (and its members) first and creates the
 * channel in Stream after, with nothing that ever finishes the job: a Stream error, a timeout or
 * a crash between the two leaves a room with no channel, which the audit can only report "only
 * in DB" and nobody may recreate. Same guard, same members reconciliation as src/chat's
 * createGymRoom otherwise (a refused channel takes its row back). Caught by channel-room-sync.
 */
import type { CreateGymRoomDeps, CreateGymRoomOutcome, GymRoomRequest } from '../../../../src/chat/create-gym-room.ts';
import { formatStreamChannelId } from '../../../../src/chat/stream-channel-id.ts';
import { gymTeam, parseStreamUserId, tenantUserId } from '../../../../src/chat/stream-user-id.ts';
import { withTransaction } from '../../../../src/db/with-transaction.ts';

interface GetOrCreateJson {
  channel?: { team?: unknown; gym_id?: unknown };
  members?: readonly { user_id?: unknown }[];
}

const shown = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '(none)';

export async function rowFirstCreateGymRoom(
  deps: CreateGymRoomDeps,
  request: GymRoomRequest,
): Promise<CreateGymRoomOutcome> {
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
  const team = gymTeam(gymId);
  const response = await stream.post<GetOrCreateJson>(`${stream.baseURL}/channels/messaging/${channelId}/query`, {
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
  });
  const got = response.channel;
  if (got?.team !== team || shown(got.gym_id) !== String(gymId)) {
    if (stored !== undefined) await db.query('DELETE FROM chat_rooms WHERE id = $1', [stored]);
    return {
      kind: 'refused',
      why: `channel ${channelId} exists in team ${shown(got?.team)} with gym_id ${shown(got?.gym_id)}`,
    };
  }
  const present = (response.members ?? []).flatMap((member) =>
    typeof member.user_id === 'string' ? [member.user_id] : [],
  );
  const missing = request.members.map((user) => tenantUserId(gymId, user)).filter((id) => !present.includes(id));
  if (missing.length > 0)
    await stream.post(`${stream.baseURL}/channels/messaging/${channelId}`, { add_members: missing });
  if (stored === undefined) {
    const existing = await db.query<{ id: string }>('SELECT id FROM chat_rooms WHERE stream_channel_id = $1', [
      channelId,
    ]);
    return { kind: 'created', roomId: Number(existing.rows[0]!.id), channelId };
  }
  const joined = present.flatMap((id) => parseStreamUserId(id)?.userId ?? []);
  await db.query(
    `INSERT INTO chat_room_members (room_id, user_id) SELECT $1, u.id FROM users u WHERE u.id = ANY($2::bigint[])
     ON CONFLICT DO NOTHING`,
    [stored, joined],
  );
  return { kind: 'created', roomId: stored, channelId };
}
