/**
 * channel-born-in-gym (safety, over the history of what Stream applied): every channel created
 * during the case was created in a gym - team gym_{g} of a gym of the world and custom gym_id "g"
 * - in the create request itself (incident A: "a check that team == gym_{gym_id} whenever a
 * channel is created"). A channel created bare and tagged by a later update is one crash, fault
 * or lost response away from an untagged channel nobody can place (only in Stream, its team and
 * gym_id disagreeing: left for a person), and in between it is seen from no gym and its
 * webhooks find no room; when the tagging succeeds, the end state shows nothing. Read from the
 * ledger's births (what the store applied, copied at that instant, a lost response included);
 * the seeded channels (incident A's faults) are before the case and not judged.
 */
import { defineInvariant } from 'syncsim';
import type { ChatWorld } from '../chat-world.ts';
import { teamGym } from './world-facts.ts';

export const channelBornInGym = defineInvariant<ChatWorld>({
  name: 'channel-born-in-gym',
  kind: 'safety',
  description: 'every channel created during the case was created with team gym_{g} and gym_id g of one gym',
  check({ world }) {
    return world.ledger.births
      .filter((birth) => birth.seq > world.ledger.caseFrom)
      .filter((birth) => {
        const gym = teamGym(birth.team);
        return gym === undefined || !world.gymIds.includes(gym) || String(birth.gymId) !== String(gym);
      })
      .map((birth) => ({
        invariant: 'channel-born-in-gym',
        message: `channel ${birth.channelId} was created with team ${birth.team ?? '(none)'} and gym_id ${birth.gymId === undefined ? '(none)' : JSON.stringify(birth.gymId)}`,
        details: { ...birth },
      }));
  },
});
