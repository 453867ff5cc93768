/**
 * Migrating ids changes who a member is called, never which room has which channel or who is in
 * it: every gym-4 room that had a live channel still has one, no channel of such a room is left
 * with no room (a duplicate), and each channel holds the same people (by user id, whatever the
 * id's format) as at the start. A migration that drops a person half way (removed as user_17,
 * never added as gym_4_user_17) breaks the last one.
 */
import { defineInvariant, type Violation } from 'syncsim';
import { parseStreamUserId } from '../../../../src/chat/index.ts';
import { GYM, type LegacyIdsWorld } from '../legacy-ids-gym-4-world.ts';
import { gymRooms } from './gym-rooms.ts';

const people = (ids: Iterable<string>) =>
  [...new Set([...ids].map((id) => parseStreamUserId(id)?.userId ?? id))].sort().join(',');

export const channelRoomSync = defineInvariant<LegacyIdsWorld>({
  name: 'channel-room-sync',
  kind: 'safety',
  description: 'synced rooms keep a live channel with the same people, and no channel of theirs is orphaned',
  async check({ db, world }) {
    const violations: Violation[] = [];
    const rooms = await gymRooms(db, world, GYM);
    const inUse = new Set(rooms.map((room) => room.channelId));
    // What the world saw at the start (the report's rooms, or a snapshot's), not a fixed list.
    for (const [roomId, channelId] of world.syncedAtStart) {
      const room = rooms.find((r) => r.roomId === roomId);
      if (!room?.channel) {
        violations.push({ invariant: 'channel-room-sync', message: `room ${roomId} has no live channel` });
        continue;
      }
      const before = people(world.membersAtStart.get(roomId) ?? []);
      const now = people(room.channel.members.keys());
      if (now !== before)
        violations.push({
          invariant: 'channel-room-sync',
          message: `room ${roomId}: channel ${room.channelId} has users [${now}], had [${before}]`,
          details: { channelId: room.channelId, before, now },
        });
      const old = world.fake.store.channels.get(`messaging:${channelId}`);
      if (!inUse.has(channelId) && old && old.deletedAt === undefined)
        violations.push({
          invariant: 'channel-room-sync',
          message: `channel ${channelId} of room ${roomId} is still live but no room uses it (room ${roomId} now points at ${room.channelId})`,
          details: { channelId },
        });
    }
    return violations;
  },
});
