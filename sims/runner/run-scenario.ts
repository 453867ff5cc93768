/**
 * Run (or replay) one variant of a scenario through fast-check: generate inputs and
 * interleavings, run each case, shrink a failure, and return a RunResult.
 *
 * Replay: with `seed` and `path`, fast-check regenerates exactly the reported case (input and
 * scheduler choices alike), so the same (scenario, variant, seed, path) gives the same history.
 */
import * as fc from 'fast-check';
import { describeFaultPlan, NO_FAULTS } from '../faults/fault-plan.ts';
import { describeError } from '../schedule/scheduler-bridge.ts';
import type { GateRequest } from '../schedule/flight.ts';
import type { CaseEngine } from './case-engine.ts';
import { breaksExpected, invariantsBroken, keepsFailure } from './breaks-expected.ts';
import { runCase, type CaseOutcome } from './run-case.ts';
import type { RunResult } from './run-result.ts';
import type { Scenario } from './scenario.ts';

export interface RunOptions {
  seed?: number;
  path?: string;
  runs?: number;
  /**
   * Shrink attempts (cases run after the first failure) before shrinking stops and the
   * smallest failure found so far is reported. Counted, not timed, so the report stays a
   * function of (seed, path). Default DEFAULT_SHRINK_BUDGET.
   */
  shrinkBudget?: number;
  /** Called after every case with the number of cases executed so far. */
  onCase?: (cases: number) => void;
  /**
   * Called when a case first breaks an invariant, before shrinking, with the path that replays
   * it: an interrupted run can still report what it found. `counts` is false for a case that
   * broke only invariants a `breaks` variant does not name (the search goes on past it).
   */
  onFailure?: (found: { path: string; broken: string[]; counts: boolean }) => void;
}

/**
 * A failure is found in tens of cases, but shrinking a large world can take a thousand more
 * (measured: 100..1266 cases for the bot suite's non-atomic write); past a few hundred attempts
 * the counterexample hardly gets smaller while a CI run gets minutes longer.
 */
export const DEFAULT_SHRINK_BUDGET = 300;

class InvariantBroken extends Error {
  override name = 'InvariantBroken';
}

export async function runScenario<Input, World>(
  scenario: Scenario<Input, World>,
  variantName: string,
  engine: CaseEngine,
  options: RunOptions = {},
): Promise<RunResult> {
  const variant = scenario.variants[variantName];
  if (!variant)
    throw new Error(
      `scenario '${scenario.id}' has no variant '${variantName}' (variants: ${Object.keys(scenario.variants).join(', ')})`,
    );
  const runs = options.path !== undefined ? 1 : (options.runs ?? scenario.runs ?? 100);

  const shrinkBudget = options.shrinkBudget ?? DEFAULT_SHRINK_BUDGET;
  const replaying = options.path !== undefined;
  let cases = 0;
  let shrinkCases = 0;
  let shrinkStopped = false;
  let lockWaits = 0;
  let failure: FailingCase<Input> | undefined;
  let firstFailure: { input: Input; broken: string[] } | undefined;
  // A `breaks` variant's cases that broke only other invariants: the first one is reported if
  // the named invariants never break (its run index is its replay path: nothing was shrunk).
  let otherFailure: (FailingCase<Input> & { path: string }) | undefined;
  const alsoBroken = new Set<string>();
  let last: FailingCase<Input> | undefined;
  let harnessError: unknown;

  const property = fc.asyncProperty(
    scenario.input,
    fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })),
    scenario.faults ?? fc.constant(NO_FAULTS),
    async (input, seed, plan) => {
      const scheduler = schedulerFor(seed);
      // After a harness error every further case (shrinking included) is skipped: shrinking
      // a broken harness finds nothing.
      if (harnessError !== undefined) return;
      // Past the budget every further shrink candidate "passes" without running, so fast-check
      // settles on the smallest failure found so far.
      if (firstFailure !== undefined) {
        if (shrinkCases >= shrinkBudget) {
          shrinkStopped = true;
          return;
        }
        shrinkCases++;
      }
      cases++;
      let outcome: CaseOutcome;
      try {
        outcome = await runCase(scenario, variant, input, scheduler, engine, seed, plan);
      } catch (error) {
        harnessError = error;
        throw error;
      } finally {
        options.onCase?.(cases);
      }
      lockWaits += outcome.lockWaits;
      last = { input, plan: describeFaultPlan(plan), outcome };
      const broken = invariantsBroken(outcome);
      if (broken.length === 0) return;
      // A replay reports whatever its one case breaks.
      const counts =
        replaying ||
        (firstFailure ? keepsFailure(variant, firstFailure.broken, broken) : breaksExpected(variant, broken));
      const path = replaying ? (options.path ?? '') : String(cases - 1);
      if (!counts) {
        if (firstFailure === undefined) {
          for (const name of broken) alsoBroken.add(name);
          if (otherFailure === undefined) options.onFailure?.({ path, broken, counts: false });
          otherFailure ??= { ...last, path };
        }
        return;
      }
      failure = last;
      if (firstFailure === undefined) options.onFailure?.({ path, broken, counts: true });
      firstFailure ??= { input, broken };
      throw new InvariantBroken(outcome.violations.map((v) => `${v.invariant}: ${v.message}`).join('\n'));
    },
  );

  const details = await fc.check(property, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(replaying ? { path: options.path, endOnFailure: true } : {}),
    numRuns: runs,
  });

  const base = {
    scenario: scenario.id,
    variant: variantName,
    expect: variant.expect,
    seed: details.seed,
    cases,
    runs,
    shrinks: details.numShrinks,
    shrinkCases,
    shrinkStopped,
    lockWaits,
  };
  if (harnessError !== undefined) {
    return {
      ...base,
      status: 'error',
      met: false,
      violations: [],
      broken: [],
      history: last?.outcome.history ?? [],
      schedule: [],
      error: describeError(harnessError),
    };
  }
  const brokenResult = (reported: FailingCase<Input>, path: string): RunResult => {
    const broken = invariantsBroken(reported.outcome);
    const also = [...alsoBroken].filter((name) => !broken.includes(name));
    return {
      ...base,
      status: 'broken',
      met: variant.expect === 'breaks' && breaksExpected(variant, broken),
      path,
      counterexample: printable(reported.input),
      ...(firstFailure !== undefined ? { firstFailure: printable(firstFailure.input) } : {}),
      ...(also.length > 0 ? { alsoBroken: also } : {}),
      faultPlan: reported.plan,
      faultsInjected: reported.outcome.faults,
      phase: reported.outcome.phase,
      violations: reported.outcome.violations,
      broken,
      history: reported.outcome.history,
      schedule: reported.outcome.schedule,
    };
  };
  if (details.failed && failure && details.counterexamplePath !== null)
    return brokenResult(failure, details.counterexamplePath);
  if (details.failed) {
    return {
      ...base,
      status: 'inconclusive',
      met: false,
      violations: [],
      broken: [],
      history: [],
      schedule: [],
      error: details.interrupted ? 'interrupted' : 'fast-check reported a failure without a counterexample',
    };
  }
  // The named invariants never broke, but others did: that is a finding, not a pass.
  if (otherFailure) return brokenResult(otherFailure, otherFailure.path);
  return {
    ...base,
    // A `breaks` variant that held proved nothing: the bug was not found within the runs.
    status: 'held',
    met: variant.expect === 'holds',
    ...(replaying ? { path: options.path } : {}),
    ...(last ? { counterexample: printable(last.input) } : {}),
    violations: [],
    broken: [],
    history: last?.outcome.history ?? [],
    schedule: last?.outcome.schedule ?? [],
  };
}

interface FailingCase<Input> {
  input: Input;
  plan: string;
  outcome: CaseOutcome;
}

/** fast-check's printout, minus the null-prototype marker records carry (noise to a reader). */
function printable(value: unknown): string {
  return fc.stringify(value).replaceAll('__proto__:null,', '');
}

/**
 * A fresh fc.scheduler() for every case, drawn from the case's seed. fast-check hands the SAME
 * scheduler value to every shrink attempt through clones that share one random stream, so each
 * clone interleaves differently, and a replay by (seed, path), which clones it fewer times, would
 * not see the interleaving that was reported. Built from a seed that does not shrink, every run
 * of a case - first try, shrink attempt or replay - makes the same scheduling choices.
 */
function schedulerFor(seed: number): fc.Scheduler<GateRequest> {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed, numRuns: 1 });
  if (!scheduler) throw new Error('fast-check produced no scheduler');
  return scheduler;
}
