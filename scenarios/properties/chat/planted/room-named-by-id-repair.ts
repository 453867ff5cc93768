/**
 * PLANTED BUG: the repair's "sync a channel into the DB" names the room after its channel id
 * (room_2_7) instead of the channel's name ("Class 101 chat"): what src/chat's
 * createRoomFromChannel did until issue 16 (properties-chat found it once names were compared).
 * Every other field is right. Caught by room-mirrors-channel.
 */
import { createRoomFromChannel } from '../../../../src/chat/create-room-from-channel.ts';
import { applyCreatingRoomsWith } from './apply-creating-rooms-with.ts';

export const roomNamedByIdRepair = applyCreatingRoomsWith((tx, channel) => {
  // The mistake: the channel's name is never read.
  const { name: _name, ...unnamed } = channel;
  return createRoomFromChannel(tx, unnamed);
});
