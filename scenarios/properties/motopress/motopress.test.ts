/**
 * The MotoPress property suite: src/motopress holds under swarm faults, crashes, concurrent
 * syncs and the hotel admin changing MotoPress mid-sync; each planted mutant is caught by the
 * invariant it breaks, with a shrunk counterexample and one replay command that reproduces it.
 */
import { describe, expect, it } from 'vitest';
import { formatRun } from '../../../sims/report/format-run.ts';
import { runScenario } from '../../../sims/runner/run-scenario.ts';
import { expectMet } from '../../../sims/testing/expect-run.ts';
import { fileCaseEngine, SEED, withSeed } from '../../../sims/testing/scenario-suite.ts';
import { motopressPropertyScenario } from './motopress.scenario.ts';

const engine = fileCaseEngine();

describe(`properties/motopress (seed ${SEED ?? 'random'})`, () => {
  it('after (src/motopress): holds for 100 cases of swarm faults, crashes and races', async () => {
    const result = expectMet(await runScenario(motopressPropertyScenario, 'after', engine(), { ...withSeed, runs: 100 }));
    expect(result.status).toBe('held');
    expect(result.cases).toBe(100);
  });

  it.each([
    ['planted-cross-tenant-lookup', 'tenant-isolation'],
    ['planted-junction-outside-write', 'junction-complete'],
    ['planted-insert-only-upsert', 'converges-to-mirror'],
    ['planted-always-touch', 'idempotent'],
  ])('%s is caught by %s, with a replay that reproduces it', async (variant, invariant) => {
    // A run stops at its first failing case: a large budget costs nothing when the bug is found
    // early and keeps a rare miss from turning CI red (bench/motopress-bench.ts has the figures).
    const result = expectMet(await runScenario(motopressPropertyScenario, variant, engine(), { ...withSeed, runs: 1000 }));
    expect(result.status).toBe('broken');
    expect(result.broken).toContain(invariant);
    expect(formatRun(result)).toContain(`syncsim run properties-motopress:${variant} --seed=${result.seed} --path=${result.path}`);
    const replay = await runScenario(motopressPropertyScenario, variant, engine(), { seed: result.seed, path: result.path! });
    expect(replay.broken).toContain(invariant);
    expect(JSON.stringify(replay.history)).toBe(JSON.stringify(result.history));
  });
});
