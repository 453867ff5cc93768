/**
 * Run (or replay) one variant of a scenario through fast-check: generate inputs and
 * interleavings, run each case, shrink a failure, and return a RunResult.
 *
 * Replay: with `seed` and `path`, fast-check regenerates exactly the reported case (input and
 * scheduler choices alike), so the same (scenario, variant, seed, path) gives the same history.
 */
import * as fc from 'fast-check';
import { buildRunResult } from './build-run-result.ts';
import { caseArbitraries, schedulerFor } from './case-arbitraries.ts';
import type { CaseEngine } from './case-engine.ts';
import { FailureSearch } from './failure-search.ts';
import { DEFAULT_MINIMISE_BUDGET, minimiseFailure } from './minimise-failure.ts';
import type { RunResult } from './run-result.ts';
import { decodeDepartures } from '../schedule/departure-codec.ts';
import { PolicyScheduler } from '../schedule/policy-scheduler.ts';
import type { Scenario } from './scenario.ts';
import { verifyDeterminism, withDeterminismVerified } from './verify-determinism.ts';

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
  /**
   * Scheduler steps one case may take (default: the scenario's, else DEFAULT_MAX_STEPS). A run
   * is bounded too: at most (runs + shrink budget) cases of at most this many steps each.
   */
  maxSteps?: number;
  /**
   * With `path`: replay the case under this schedule (departures from the default policy, as a
   * report's minimal replay line gives it) instead of the one fast-check drew for it.
   */
  schedule?: string;
  /** Cases the schedule minimisation of a failure may run (default DEFAULT_MINIMISE_BUDGET; 0: none). */
  minimiseBudget?: number;
  /**
   * Which broken runs are minimised: every one (default; `run` shows a bug's minimal race), or only
   * those that missed their expectation (a gate: a `breaks` variant that broke as declared needs
   * no report, and 60 more cases per planted bug would only slow `check` down).
   */
  minimiseWhen?: 'broken' | 'unmet';
  /** At least this many cases, whatever `runs` says (`syncsim check --runs N` raises every budget). */
  minRuns?: number;
  /**
   * Replay the reported case and a sample of passing cases twice each and compare histories
   * byte for byte; a difference turns the result into a harness error naming the first
   * differing record (`--verify-determinism`).
   */
  verifyDeterminism?: boolean;
  /** Called when the failure's schedule starts being minimised (progress). */
  onMinimise?: () => void;
  /** Called after every case with the number of cases executed so far (and, shrinking, its progress). */
  onCase?: (cases: number, shrink?: { cases: number; budget: number }) => void;
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
  const replaying = options.path !== undefined;
  if (options.schedule !== undefined && !replaying) throw new Error('a schedule replays one case: give its --path too');
  const departures = options.schedule !== undefined ? decodeDepartures(options.schedule) : undefined;
  const runs = replaying ? 1 : Math.max(options.runs ?? scenario.runs ?? 100, options.minRuns ?? 0);
  const maxSteps = options.maxSteps ?? scenario.maxSteps;
  const search = new FailureSearch(
    scenario,
    variant,
    engine,
    {
      shrinkBudget: options.shrinkBudget ?? DEFAULT_SHRINK_BUDGET,
      replaying,
      ...(options.path !== undefined ? { path: options.path } : {}),
      ...(maxSteps !== undefined ? { maxSteps } : {}),
    },
    {
      ...(options.onCase ? { onCase: options.onCase } : {}),
      ...(options.onFailure ? { onFailure: options.onFailure } : {}),
    },
  );
  const property = fc.asyncProperty(...caseArbitraries(scenario), (input, seed, plan) =>
    search.runOne(input, seed, plan, departures ? new PolicyScheduler(departures) : schedulerFor(seed)),
  );
  const details = await fc.check(property, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(replaying ? { path: options.path, endOnFailure: true } : {}),
    numRuns: runs,
  });
  const result = buildRunResult(
    {
      scenario: scenario.id,
      variant: variantName,
      runs,
      ...(replaying ? { replayPath: options.path } : {}),
      ...(options.schedule !== undefined ? { replaySchedule: options.schedule } : {}),
      ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
    },
    variant,
    search,
    details,
  );
  const budget = options.minimiseBudget ?? DEFAULT_MINIMISE_BUDGET;
  // The case reported (see buildRunResult): the shrunk failure, else a `breaks` variant's other one.
  const reported = details.failed ? search.failure : search.otherFailure;
  const wanted = options.minimiseWhen !== 'unmet' || !result.met;
  if (result.status === 'broken' && !replaying && budget > 0 && reported && wanted) {
    options.onMinimise?.();
    const minimal = await minimiseFailure(scenario, variant, engine, reported, budget, {
      ...(maxSteps !== undefined ? { maxSteps } : {}),
    });
    result.minimal = {
      schedule: minimal.schedule,
      before: minimal.before,
      after: minimal.after,
      runs: minimal.runs,
      budgetHit: minimal.budgetHit,
      phase: minimal.outcome.phase,
      violations: minimal.outcome.violations,
      history: minimal.outcome.history,
      faults: minimal.outcome.faults,
    };
  }
  if (!options.verifyDeterminism || result.status === 'error') return result;
  return withDeterminismVerified(result, await verifyDeterminism(scenario, variantName, engine, result, { maxSteps }));
}
