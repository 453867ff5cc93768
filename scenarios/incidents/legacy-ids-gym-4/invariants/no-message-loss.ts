/**
 * Every message Stream acknowledged in a room is in the channel the room points at NOW. A message
 * left behind in a channel no room uses is lost to its users: that is what "create a new channel
 * and repoint the DB" does to the whole history (the report's phase 2).
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { LegacyIdsWorld } from '../legacy-ids-gym-4-world.ts';
import { gymRooms } from './gym-rooms.ts';

export const noMessageLoss = defineInvariant<LegacyIdsWorld>({
  name: 'no-message-loss',
  kind: 'safety',
  description: "every acknowledged message is in its room's current channel",
  async check({ db, world }) {
    const rooms = new Map((await gymRooms(db, world, undefined)).map((room) => [room.roomId, room]));
    const lost = new Map<number, number>();
    for (const [messageId, roomId] of world.acknowledged) {
      const channel = rooms.get(roomId)?.channel;
      if (!channel?.messages.some((message) => message.id === messageId)) lost.set(roomId, (lost.get(roomId) ?? 0) + 1);
    }
    return [...lost].map(([roomId, count]): Violation => {
      const room = rooms.get(roomId);
      return {
        invariant: 'no-message-loss',
        message: `room ${roomId}: ${count} acknowledged message(s) are not in its channel ${room?.channelId ?? '(no room)'}${room?.channel ? '' : ' (gone)'}`,
        details: { roomId, channelId: room?.channelId, lost: count },
      };
    });
  },
});
