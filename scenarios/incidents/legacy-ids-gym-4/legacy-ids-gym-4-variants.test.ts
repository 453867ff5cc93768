/**
 * legacy-ids-gym-4's `breaks` variants break what they should, for the reason the report gives:
 * the team's script leaves each room's history in a channel no room uses any more; each planted
 * bug in src/chat's migration is caught by the invariant it breaks, with a replay that
 * reproduces it. `npx syncsim reproduce legacy-ids-gym-4` prints them side by side.
 */
import { describe, expect, it } from 'vitest';
import { expectMet, expectPlantedCaught, fileCaseEngine, runScenario, withSeed } from 'syncsim/vitest';
import { legacyIdsGym4Scenario } from './legacy-ids-gym-4.scenario.ts';

const engine = fileCaseEngine();

describe('legacy-ids-gym-4 variants', () => {
  it("before: the team's new-channel-and-repoint script loses every moved room's history", async () => {
    const result = expectMet(await runScenario(legacyIdsGym4Scenario, 'before', engine(), withSeed));
    expect(result.broken).toContain('no-message-loss');
    expect(result.violations.map((v) => v.message).join('\n')).toMatch(
      /room 6\d\d: \d+ acknowledged message\(s\) are not in its channel (room_4_6\d\d|direct_gym_4_user_\d+_gym_4_user_\d+)/,
    );
  }, 300_000);

  it.each([
    ['planted-rooms-before-users', 'members-exist-before-room'],
    ['planted-dry-run-skips-existing-users', 'dry-run-equals-apply'],
    ['planted-remove-then-add', 'channel-room-sync'],
  ])(
    '%s is caught by %s, with a replay that reproduces it',
    async (variant, invariant) => {
      const runs = legacyIdsGym4Scenario.variants[variant]!.runs ?? legacyIdsGym4Scenario.runs!;
      await expectPlantedCaught(legacyIdsGym4Scenario, variant, invariant, engine(), runs);
    },
    // A case costs about a second here; remove-then-add needs a fault between its two requests
    // (seed 1: case 31), then up to 100 shrinks and the replay.
    400_000,
  );
});
