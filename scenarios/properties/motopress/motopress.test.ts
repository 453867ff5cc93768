/**
 * The MotoPress property suite: src/motopress holds under swarm faults, crashes, concurrent
 * syncs and the hotel admin changing MotoPress mid-sync; each planted mutant is caught by the
 * invariant it breaks, with a shrunk counterexample and one replay command that reproduces it.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../sims/runner/run-scenario.ts';
import { expectPlantedCaught } from '../../../sims/testing/expect-planted-caught.ts';
import { expectMet } from '../../../sims/testing/expect-run.ts';
import { fileCaseEngine, withSeed } from '../../../sims/testing/scenario-suite.ts';
import { motopressPropertyScenario } from './motopress.scenario.ts';

const engine = fileCaseEngine();

describe('properties/motopress', () => {
  it('after (src/motopress): holds for 100 cases of swarm faults, crashes and races', async () => {
    const result = expectMet(
      await runScenario(motopressPropertyScenario, 'after', engine(), { ...withSeed, runs: 100 }),
    );
    expect(result.status).toBe('held');
    expect(result.cases).toBe(100);
  });

  it.each([
    ['planted-cross-tenant-lookup', 'tenant-isolation'],
    ['planted-junction-outside-write', 'junction-complete'],
    ['planted-insert-only-upsert', 'converges-to-mirror'],
    ['planted-always-touch', 'idempotent'],
  ])('%s is caught by %s, with a replay that reproduces it', async (variant, invariant) => {
    await expectPlantedCaught(motopressPropertyScenario, variant, invariant, engine());
  });
});
