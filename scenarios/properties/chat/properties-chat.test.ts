/**
 * The chat property suite's planted bugs: each is caught by the invariant it breaks (a suite
 * that cannot fail proves nothing), with a shrunk counterexample and one replay command that
 * reproduces it. That src/chat (`after`) holds over 100 cases of swarm faults, crashes and races
 * is its declared expectation, run by sims/testing/describe-scenario-variants.ts.
 */
import { describe, it } from 'vitest';
import { expectPlantedCaught, fileCaseEngine } from 'syncsim/vitest';
import { chatPropertyScenario } from './chat.scenario.ts';

const engine = fileCaseEngine();

describe('properties/chat', () => {
  it.each([
    ['planted-offset-paged-audit', 'audit-matches-truth'],
    ['planted-delete-recreate', 'no-message-loss'],
    ['planted-mark-after-commit', 'webhook-exactly-once'],
    ['planted-unscoped-repair', 'tenant-isolation'],
    ['planted-row-first-room', 'channel-room-sync'],
    ['planted-html-as-empty-listing', 'audit-matches-truth'],
  ])(
    '%s is caught by %s, with a replay that reproduces it',
    async (variant, invariant) => {
      // The default budget of 1000 cases: bench/detection-bench.ts prints how early each is found.
      await expectPlantedCaught(chatPropertyScenario, variant, invariant, engine());
    },
    // A chat case costs about half a second: finding one (up to ~50 cases), shrinking it (100 more)
    // and replaying it took 16-87 s on an idle machine, past the default 120 s on a busy one.
    300_000,
  );
});
