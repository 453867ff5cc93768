/**
 * What fast-check generates for every case of a scenario: the input, the case's scheduling
 * seed (never shrunk) and the fault plan. Shared by runs and single-case replays, which must
 * generate exactly the same values for the same (seed, path).
 */
import * as fc from 'fast-check';
import { NO_FAULTS, type FaultPlan } from '../faults/fault-plan.ts';
import type { GateRequest } from '../schedule/flight.ts';
import type { Scenario } from './scenario.ts';

export function caseArbitraries<Input, World>(
  scenario: Scenario<Input, World>,
): [fc.Arbitrary<Input>, fc.Arbitrary<number>, fc.Arbitrary<FaultPlan>] {
  return [
    scenario.input,
    fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })),
    scenario.faults ?? fc.constant(NO_FAULTS),
  ];
}

/**
 * A fresh fc.scheduler() for every case, drawn from the case's seed. fast-check hands the SAME
 * scheduler value to every shrink attempt through clones that share one random stream, so each
 * clone interleaves differently, and a replay by (seed, path), which clones it fewer times, would
 * not see the interleaving that was reported. Built from a seed that does not shrink, every run
 * of a case - first try, shrink attempt or replay - makes the same scheduling choices.
 */
export function schedulerFor(seed: number): fc.Scheduler<GateRequest> {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed, numRuns: 1 });
  if (!scheduler) throw new Error('fast-check produced no scheduler');
  return scheduler;
}
