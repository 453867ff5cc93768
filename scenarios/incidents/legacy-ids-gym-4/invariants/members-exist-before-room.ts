/**
 * The report's phase ordering: nobody joins a gym-4 channel before existing in Stream with team
 * gym_4. Judged at the moment of each join, from the fake's own events (the world's listener), so
 * a member whose team arrived later still counts.
 */
import { defineInvariant } from 'syncsim';
import type { LegacyIdsWorld } from '../legacy-ids-gym-4-world.ts';

export const membersExistBeforeRoom = defineInvariant<LegacyIdsWorld>({
  name: 'members-exist-before-room',
  kind: 'safety',
  description: 'every member joined a gym-4 channel only once it existed in Stream with team gym_4',
  check({ world }) {
    return world.earlyMembers.map((message) => ({ invariant: 'members-exist-before-room', message }));
  },
});
