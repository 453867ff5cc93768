/**
 * PLANTED BUG: createGymRoom makes the channel (same guard, same members reconciliation) and
 * answers `created` without writing the room, leaving the row to the webhook or the repair,
 * which turn an agreeing channel only in Stream into its room ("the channel is the truth, the
 * room follows"). The user was told the room exists; the app has no such room until a message
 * arrives or the next repair runs. The heal phase's repairs mostly make the end state right (not
 * for a room the repair made before the creator added members: channel-room-sync sees that one).
 * Caught by made-room-has-channel, at the end of chaos.
 */
import type { CreateGymRoomDeps, CreateGymRoomOutcome, GymRoomRequest } from '../../../../src/chat/create-gym-room.ts';
import { getOrCreateGymChannel } from '../../../../src/chat/get-or-create-gym-channel.ts';
import { reserveGymRoom } from '../../../../src/chat/reserve-gym-room.ts';

export async function channelOnlyCreateRoom(
  deps: CreateGymRoomDeps,
  request: GymRoomRequest,
): Promise<CreateGymRoomOutcome> {
  const reserved = await reserveGymRoom(deps.db, request);
  if (reserved.kind === 'refused') return reserved;
  const { roomId, channelId } = reserved;
  const channel = await getOrCreateGymChannel(deps.stream, channelId, request);
  if (channel.kind === 'refused') return channel;
  // The mistake: no row; the webhook or the repair will make the room from the channel.
  return { kind: 'created', roomId, channelId };
}
