// The Stream step of creating a room: get-or-create the channel in the gym's team, with the guard
// incident A lacked, then add whoever get-or-create left out. Every answer is checked by
// streamCall: a proxy's 200 HTML page throws instead of reading as "no channel".
import type { StreamChat } from 'stream-chat';
import type { CreateGymRoomOutcome, GymRoomRequest } from './create-gym-room.ts';
import { streamCall } from './stream-call.ts';
import { gymTeam, tenantUserId } from './stream-user-id.ts';

interface GetOrCreateJson {
  channel?: { team?: unknown; gym_id?: unknown; name?: unknown };
  members?: readonly { user_id?: unknown }[];
}

export type GymChannel =
  | {
      readonly kind: 'channel';
      /** The channel's name when it has one (an existing channel keeps its own). */
      readonly name: unknown;
      /** Stream user ids the channel had before the missing members were added. */
      readonly present: readonly string[];
    }
  | Extract<CreateGymRoomOutcome, { kind: 'refused' }>;

const shown = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '(none)';

/**
 * If Stream already has a channel with that id in another team (get-or-create returns the
 * existing one), the answer is `refused`: never a room pointing at another gym's channel.
 */
export async function getOrCreateGymChannel(
  stream: StreamChat,
  channelId: string,
  request: GymRoomRequest,
): Promise<GymChannel> {
  const { gymId } = request;
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
  // after creating it, or another caller made it): add whoever is missing, so the room and its
  // channel agree (properties-chat found the room with three members over a channel with one,
  // which nothing would ever reconcile).
  const present = (response.members ?? []).flatMap((member) =>
    typeof member.user_id === 'string' ? [member.user_id] : [],
  );
  const missing = request.members.map((user) => tenantUserId(gymId, user)).filter((id) => !present.includes(id));
  if (missing.length > 0)
    await streamCall('POST /channels/{type}/{id}', () =>
      stream.post(`${stream.baseURL}/channels/messaging/${channelId}`, { add_members: missing }),
    );
  return { kind: 'channel', name: got.name, present };
}
