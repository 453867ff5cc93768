/**
 * Once the migration has run (after heal): no channel of a gym-4 room has a legacy member id, and
 * every user chatting in gym 4 exists in Stream as gym_4_user_{u}. The report's success criterion
 * ("100% of users and channel members in the new format"), on the migration's scope only.
 */
import { defineInvariant, type Violation } from 'syncsim';
import { parseStreamUserId, tenantUserId } from '../../../../src/chat/index.ts';
import { GYM, type LegacyIdsWorld } from '../legacy-ids-gym-4-world.ts';
import { gymRooms } from './gym-rooms.ts';

export const noLegacyMemberIds = defineInvariant<LegacyIdsWorld>({
  name: 'no-legacy-member-ids',
  kind: 'liveness',
  description: 'no channel of a gym-4 room has a legacy member, and every chatting user exists as gym_4_user_{u}',
  async check({ db, world }) {
    const violations: Violation[] = [];
    const users = new Set<number>();
    for (const room of await gymRooms(db, world, GYM)) {
      room.members.forEach((user) => users.add(user));
      const legacy = [...(room.channel?.members.keys() ?? [])].filter((id) => parseStreamUserId(id)?.kind === 'legacy');
      if (legacy.length > 0)
        violations.push({
          invariant: 'no-legacy-member-ids',
          message: `room ${room.roomId}: channel ${room.channelId} still has legacy member(s) ${legacy.sort().join(', ')}`,
          details: { channelId: room.channelId, legacy },
        });
    }
    const missing = [...users]
      .sort((a, b) => a - b)
      .filter((user) => !world.fake.store.users.has(tenantUserId(GYM, user)));
    if (missing.length > 0)
      violations.push({
        invariant: 'no-legacy-member-ids',
        message: `no Stream user ${missing.map((user) => tenantUserId(GYM, user)).join(', ')}`,
      });
    return violations;
  },
});
