/**
 * Run exactly one case of a run, the one at (seed, path) (under `schedule` when given: departures
 * from the default policy), and return its outcome. Unlike a
 * replay through runScenario, nothing runs after it even when it passes.
 */
import * as fc from 'fast-check';
import { decodeDepartures } from '../schedule/departure-codec.ts';
import { PolicyScheduler } from '../schedule/policy-scheduler.ts';
import { describeError } from '../schedule/scheduler-bridge.ts';
import { caseArbitraries, schedulerFor } from './case-arbitraries.ts';
import type { CaseEngine } from './case-engine.ts';
import { runCase, type CaseLimits, type CaseOutcome } from './run-case.ts';
import type { Scenario } from './scenario.ts';

export async function replayCase<Input, World>(
  scenario: Scenario<Input, World>,
  variantName: string,
  engine: CaseEngine,
  target: { seed: number; path: string; schedule?: string },
  limits: CaseLimits = {},
): Promise<CaseOutcome> {
  const variant = scenario.variants[variantName];
  if (!variant) throw new Error(`scenario '${scenario.id}' has no variant '${variantName}'`);
  let outcome: CaseOutcome | undefined;
  let failure: Error | undefined;
  await fc.check(
    fc.asyncProperty(...caseArbitraries(scenario), async (input, seed, plan) => {
      if (outcome !== undefined || failure !== undefined) return;
      try {
        const scheduler =
          target.schedule !== undefined ? new PolicyScheduler(decodeDepartures(target.schedule)) : schedulerFor(seed);
        outcome = await runCase(scenario, variant, input, scheduler, engine, seed, plan, limits);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(describeError(error));
      }
    }),
    { seed: target.seed, path: target.path, endOnFailure: true, numRuns: 1 },
  );
  if (failure !== undefined) throw failure;
  if (!outcome) throw new Error(`no case at seed ${target.seed} path ${target.path}`);
  return outcome;
}
