/**
 * PLANTED BUG: once createGymRoom made the room, a welcome message is posted to its channel
 * without waiting ("the user should not wait for it"), its failure swallowed with
 * `.catch(() => {})` so no unhandled rejection ever shows. The room and channel are right; the
 * post outlives the request that started it (a shutdown loses it, a caller told "done" reads a
 * channel without it). Caught only by the built-in no-leaked-work.
 */
import { createGymRoom, type CreateGymRoomDeps, type GymRoomRequest } from '../../../../src/chat/create-gym-room.ts';
import { tenantUserId } from '../../../../src/chat/stream-user-id.ts';

export async function unawaitedWelcomeRoom(deps: CreateGymRoomDeps, request: GymRoomRequest) {
  const outcome = await createGymRoom(deps, request);
  if (outcome.kind === 'created')
    void deps.stream
      .post(`${deps.stream.baseURL}/channels/messaging/${outcome.channelId}/message`, {
        message: { text: `Welcome to ${request.name}`, user_id: tenantUserId(request.gymId, request.createdBy) },
      })
      .catch(() => {});
  return outcome;
}
