/**
 * "Runs to first failure" as the incident benches quote it: for each seed, the cases fast-check
 * generates for that seed are run in order (no shrinking) until one fails the way runScenario
 * reports it (for a `breaks` variant: breaks the invariants it names); the figure is that
 * case's 1-based index. Median and max over seeds say how quickly a buggy
 * variant is found.
 */
import * as fc from 'fast-check';
import { NO_FAULTS } from '../sims/faults/fault-plan.ts';
import type { CaseEngine } from '../sims/runner/case-engine.ts';
import { breaksExpected, invariantsBroken } from '../sims/runner/breaks-expected.ts';
import { runCase } from '../sims/runner/run-case.ts';
import type { Scenario } from '../sims/runner/scenario.ts';
import type { GateRequest } from '../sims/schedule/flight.ts';

export async function runsToFirstFailure<I, W>(
  engine: CaseEngine,
  scenario: Scenario<I, W>,
  variant: string,
  seed: number,
  maxRuns: number,
): Promise<number> {
  const cases = fc.sample(
    fc.tuple(scenario.input, fc.integer({ min: 0, max: 0x7fffffff }), scenario.faults ?? fc.constant(NO_FAULTS)),
    { seed, numRuns: maxRuns },
  );
  for (const [index, [input, caseSeed, plan]] of cases.entries()) {
    const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: caseSeed, numRuns: 1 });
    const outcome = await runCase(scenario, scenario.variants[variant]!, input, scheduler!, engine, caseSeed, plan);
    if (breaksExpected(scenario.variants[variant]!, invariantsBroken(outcome))) return index + 1;
  }
  return Infinity;
}

/** One line: `id:variant  median M  max X  (runs per seed: ...)` over seeds 1..seeds. */
export async function firstFailureSummary<I, W>(
  engine: CaseEngine,
  scenario: Scenario<I, W>,
  variant: string,
  seeds: number,
  maxRuns: number,
): Promise<string> {
  const runs: number[] = [];
  for (let seed = 1; seed <= seeds; seed++)
    runs.push(await runsToFirstFailure(engine, scenario, variant, seed, maxRuns));
  const sorted = [...runs].sort((a, b) => a - b);
  const median = (sorted[(seeds - 1) >> 1]! + sorted[seeds >> 1]!) / 2;
  return `${`${scenario.id}:${variant}`.padEnd(52)} median ${String(median).padStart(5)}  max ${String(sorted.at(-1)).padStart(5)}  (runs per seed: ${runs.join(' ')})`;
}
