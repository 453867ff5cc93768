/**
 * After the run: every gym-4 room's channel is in team gym_4, and every multi-tenant member of it
 * is gym_4_user_{u} and exists in Stream in team gym_4 (a member of another gym's id, or one
 * without the team, is the tenant leak multi-tenancy exists to prevent).
 */
import { defineInvariant, type Violation } from 'syncsim';
import { parseStreamUserId } from '../../../../src/chat/index.ts';
import { GYM, type LegacyIdsWorld } from '../legacy-ids-gym-4-world.ts';
import { gymRooms } from './gym-rooms.ts';

export const teamMatchesGym = defineInvariant<LegacyIdsWorld>({
  name: 'team-matches-gym',
  kind: 'liveness',
  description: 'gym-4 channels are in team gym_4, their tenant members are gym_4 users in team gym_4',
  async check({ db, world }) {
    const violations: Violation[] = [];
    const team = `gym_${GYM}`;
    for (const room of await gymRooms(db, world, GYM)) {
      if (!room.channel) continue;
      if (room.channel.team !== team)
        violations.push({
          invariant: 'team-matches-gym',
          message: `room ${room.roomId}: channel ${room.channelId} is in team ${room.channel.team ?? '(none)'}`,
        });
      for (const id of room.channel.members.keys()) {
        const parsed = parseStreamUserId(id);
        if (parsed?.kind !== 'tenant') continue;
        const teams = world.fake.store.users.get(id)?.teams ?? [];
        if (parsed.gymId !== GYM || !teams.includes(team))
          violations.push({
            invariant: 'team-matches-gym',
            message: `room ${room.roomId}: member ${id} of ${room.channelId} is in team(s) [${teams.join(', ')}], not ${team}`,
            details: { channelId: room.channelId, member: id },
          });
      }
    }
    return violations;
  },
});
