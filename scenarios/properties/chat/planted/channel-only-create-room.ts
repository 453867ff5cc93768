/**
 * PLANTED BUG: createGymRoom makes the channel (same guard, same members reconciliation) and
 * answers `created` without writing the room, leaving the row to the webhook or the repair,
 * which turn an agreeing channel only in Stream into its room ("the channel is the truth, the
 * room follows"). The user was told the room exists; the app has no such room until a message
 * arrives or the next repair runs, and the heal phase's repairs make the end state right.
 * Caught by made-room-has-channel, at the end of chaos.
 */
import type { CreateGymRoomDeps, CreateGymRoomOutcome, GymRoomRequest } from '../../../../src/chat/create-gym-room.ts';
import { streamCall } from '../../../../src/chat/stream-call.ts';
import { formatStreamChannelId } from '../../../../src/chat/stream-channel-id.ts';
import { gymTeam, tenantUserId } from '../../../../src/chat/stream-user-id.ts';

interface GetOrCreateJson {
  channel?: { team?: unknown; gym_id?: unknown };
  members?: readonly { user_id?: unknown }[];
}

const shown = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '(none)';

export async function channelOnlyCreateRoom(
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
  const team = gymTeam(gymId);
  // Every request checked as src/chat checks it (a 200 HTML page is a failure): the one mistake
  // planted here is the missing row, not a second one that only the answer faults would show.
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
  const present = (response.members ?? []).flatMap((member) =>
    typeof member.user_id === 'string' ? [member.user_id] : [],
  );
  const missing = request.members.map((user) => tenantUserId(gymId, user)).filter((id) => !present.includes(id));
  if (missing.length > 0)
    await streamCall('POST /channels/{type}/{id}', () =>
      stream.post(`${stream.baseURL}/channels/messaging/${channelId}`, { add_members: missing }),
    );
  // The mistake: no row; the webhook or the repair will make the room from the channel.
  return { kind: 'created', roomId, channelId };
}
