/**
 * PLANTED BUG: the repair's "sync a channel into the DB" files every channel that is not an
 * event's as a group room (the kind mapped as `eventId ? 'event' : 'group'`, forgetting direct
 * chats): a direct chat synced from Stream shows in the app as a group. Team, gym_id, members
 * and name are right; only the kind is wrong, which no invariant compared before issue 16.
 * Caught by room-mirrors-channel.
 */
import { createRoomFromChannel } from '../../../../src/chat/create-room-from-channel.ts';
import { applyCreatingRoomsWith } from './apply-creating-rooms-with.ts';

export const directAsGroupRepair = applyCreatingRoomsWith(async (tx, channel) => {
  const outcome = await createRoomFromChannel(tx, channel);
  // The mistake, as the row it leaves: a direct chat's room stored as a group.
  if (outcome.kind === 'created')
    await tx.query(`UPDATE chat_rooms SET kind = 'group' WHERE id = $1 AND kind = 'direct'`, [outcome.roomId]);
  return outcome;
});
