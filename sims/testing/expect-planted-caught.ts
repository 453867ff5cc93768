/**
 * The check every planted bug gets: within `runs` cases the variant breaks `invariant`, the
 * report ends with the replay command for the reported seed and path, and running that replay
 * breaks the same invariant with a byte-identical history. A run stops at its first failing
 * case, so a large budget costs nothing when the bug is found early and keeps a rare late find
 * from turning CI red (the benches print how early each bug is found).
 */
import { expect } from 'vitest';
import { formatRun } from '../report/format-run.ts';
import type { CaseEngine } from '../runner/case-engine.ts';
import type { RunResult } from '../runner/run-result.ts';
import { runScenario } from '../runner/run-scenario.ts';
import type { Scenario } from '../runner/scenario.ts';
import { expectMet } from './expect-run.ts';
import { withSeed } from './scenario-suite.ts';

/**
 * What is checked here is that the bug is found and replays, not how small the counterexample
 * gets: shrinking dominated the time (the bot suite's non-atomic write, seed 1: found on case
 * 25, then 300 shrink cases, 14.4 s in all), so a planted check shrinks only this far.
 */
const PLANTED_SHRINK_BUDGET = 100;
/** The schedule minimisation likewise: a planted bug's check is that it is caught, not minimal. */
const PLANTED_MINIMISE_BUDGET = 30;

export async function expectPlantedCaught<I, W>(
  scenario: Scenario<I, W>,
  variant: string,
  invariant: string,
  engine: CaseEngine,
  runs = 1000,
): Promise<RunResult> {
  const result = expectMet(
    await runScenario(scenario, variant, engine, {
      ...withSeed,
      runs,
      shrinkBudget: PLANTED_SHRINK_BUDGET,
      minimiseBudget: PLANTED_MINIMISE_BUDGET,
    }),
  );
  expect(result.status).toBe('broken');
  expect(result.broken).toContain(invariant);
  expect(formatRun(result)).toContain(
    `syncsim run ${scenario.id}:${variant} --seed=${result.seed} --path=${result.path}`,
  );
  const replay = await runScenario(scenario, variant, engine, { seed: result.seed, path: result.path! });
  expect(replay.broken).toContain(invariant);
  expect(JSON.stringify(replay.history)).toBe(JSON.stringify(result.history));
  return result;
}
