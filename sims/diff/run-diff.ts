/**
 * A differential run (`syncsim diff`): every generated case runs on the old and the new variant
 * with the same input, world, fault plan and scheduling seed, and what each left behind is
 * compared (sims/diff/case-state.ts). First the old variant runs twice on the first cases, so
 * noise is measured, not guessed; the rest of the run ignores it (and what the scenario
 * declared). A difference is shrunk by fast-check like a broken invariant and replays by
 * (scenario, old, new, seed, path): the self-comparison is part of every run, replays too.
 */
import * as fc from 'fast-check';
import { describeFaultPlan, type FaultPlan } from '../faults/fault-plan.ts';
import { caseArbitraries, schedulerFor } from '../runner/case-arbitraries.ts';
import type { CaseEngine } from '../runner/case-engine.ts';
import { printable } from '../runner/build-run-result.ts';
import { runCase, type CaseOutcome } from '../runner/run-case.ts';
import { DEFAULT_SHRINK_BUDGET } from '../runner/run-scenario.ts';
import type { Scenario } from '../runner/scenario.ts';
import { describeError } from '../schedule/scheduler-bridge.ts';
import { actorOutcomes, brokenInvariants, readFiles, readTables, type CaseState } from './case-state.ts';
import { compareStates, measureNoise, type Divergence } from './compare-states.ts';
import type { DiffResult } from './diff-result.ts';
import { addActorDurations, latencyMisses, latencyTable, type Samples } from './latency.ts';

export interface DiffOptions {
  seed: number;
  /** Replay the one case at this path. */
  path?: string;
  runs?: number;
  shrinkBudget?: number;
  maxSteps?: number;
  /** Cases the old variant is run twice on to measure noise (default NOISE_CASES, at most runs). */
  noiseCases?: number;
  /** After every case pair (and self-comparison pair), with the number run so far. */
  onCase?: (cases: number) => void;
}

export const NOISE_CASES = 10;
/** Divergences kept per reported case: the first is the one that matters, a few more give context. */
const KEPT_DIVERGENCES = 20;

class CasesDiffer extends Error {
  override name = 'CasesDiffer';
}

interface Observed {
  state: CaseState;
  outcome: CaseOutcome;
}

export async function runDiff<Input, World>(
  scenario: Scenario<Input, World>,
  oldVariant: string,
  newVariant: string,
  engine: CaseEngine,
  options: DiffOptions,
): Promise<DiffResult> {
  for (const name of [oldVariant, newVariant])
    if (!scenario.variants[name])
      throw new Error(
        `scenario '${scenario.id}' has no variant '${name}' (variants: ${Object.keys(scenario.variants).join(', ')})`,
      );
  const replaying = options.path !== undefined;
  const runs = replaying ? 1 : (options.runs ?? scenario.runs ?? 100);
  const noiseCases = Math.min(options.noiseCases ?? NOISE_CASES, options.runs ?? scenario.runs ?? 100);
  const maxSteps = options.maxSteps ?? scenario.maxSteps;
  const shrinkBudget = options.shrinkBudget ?? DEFAULT_SHRINK_BUDGET;
  const declared = new Set(scenario.differential?.ignore ?? []);
  let casesRun = 0;

  const observe = async (variant: string, input: Input, seed: number, plan: FaultPlan): Promise<Observed> => {
    let left: Omit<CaseState, 'actors' | 'invariants'> | undefined;
    const outcome = await runCase(
      scenario,
      scenario.variants[variant]!,
      input,
      schedulerFor(seed),
      engine,
      seed,
      plan,
      { allPhases: true, ...(maxSteps !== undefined ? { maxSteps } : {}) },
      async (world) => {
        left = {
          pg: await readTables(engine.admin),
          // A deep copy now: the next case's world reuses nothing, but the fakes may be live objects.
          fakes: JSON.parse(JSON.stringify(scenario.differential?.state?.(world) ?? null)) as unknown,
          files: await readFiles(engine.sessionDir),
        };
      },
    );
    options.onCase?.(++casesRun);
    return {
      state: { ...left!, actors: actorOutcomes(outcome.history), invariants: brokenInvariants(outcome.violations) },
      outcome,
    };
  };

  const base = {
    scenario: scenario.id,
    old: oldVariant,
    new: newVariant,
    seed: options.seed,
    runs,
    ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
  };

  // 1. Noise: the old variant against itself, on the run's first cases (same seed, same cases).
  const measured = new Set<string>();
  try {
    await fc
      .check(
        fc.asyncProperty(...caseArbitraries(scenario), async (input, seed, plan) => {
          const a = await observe(oldVariant, input, seed, plan);
          const b = await observe(oldVariant, input, seed, plan);
          for (const rule of measureNoise(a.state, b.state, new Set([...declared, ...measured]))) measured.add(rule);
        }),
        { seed: options.seed, numRuns: noiseCases, endOnFailure: true },
      )
      .then((details) => {
        if (details.failed)
          throw details.errorInstance instanceof Error
            ? details.errorInstance
            : new Error('the self-comparison failed');
      });
  } catch (error) {
    return errorResult(base, error, { cases: noiseCases, declared: [...declared], measured: [...measured] });
  }
  const noise = { cases: noiseCases, declared: [...declared].sort(), measured: [...measured].sort() };
  // What the actors did or which invariants broke differing between two runs of one case: the
  // old variant is not a function of the case, and no comparison with it means anything.
  const behaviour = noise.measured.filter((rule) => rule.startsWith('actors') || rule.startsWith('invariants'));
  if (behaviour.length > 0)
    return {
      ...base,
      status: 'inconclusive',
      cases: 0,
      shrinks: 0,
      shrinkCases: 0,
      shrinkStopped: false,
      noise,
      divergences: [],
      latency: [],
      error: `${oldVariant} differs from itself in what its actors did: ${behaviour.join(', ')}`,
    };
  const ignore = new Set([...declared, ...measured]);

  // 2. The differential run.
  const latency = { old: new Map() as Samples, new: new Map() as Samples };
  let cases = 0;
  let shrinkCases = 0;
  let shrinkStopped = false;
  let first: Input | undefined;
  let reported: { input: Input; plan: string; divergences: Divergence[]; old: Observed; new: Observed } | undefined;
  let harnessError: unknown;
  const details = await fc.check(
    fc.asyncProperty(...caseArbitraries(scenario), async (input, seed, plan) => {
      if (harnessError !== undefined) return;
      if (first !== undefined) {
        if (shrinkCases >= shrinkBudget) {
          shrinkStopped = true;
          return;
        }
        shrinkCases++;
      }
      cases++;
      let old: Observed;
      let fresh: Observed;
      try {
        old = await observe(oldVariant, input, seed, plan);
        fresh = await observe(newVariant, input, seed, plan);
      } catch (error) {
        harnessError = error;
        throw error;
      }
      if (first === undefined) {
        addActorDurations(latency.old, old.outcome.history);
        addActorDurations(latency.new, fresh.outcome.history);
      }
      const divergences = compareStates(old.state, fresh.state, ignore);
      if (divergences.length === 0 && !replaying) return;
      if (divergences.length === 0) {
        reported = { input, plan: describeFaultPlan(plan), divergences, old, new: fresh };
        return;
      }
      first ??= input;
      reported = { input, plan: describeFaultPlan(plan), divergences, old, new: fresh };
      throw new CasesDiffer(`${divergences[0]!.path}: ${divergences[0]!.old} vs ${divergences[0]!.new}`);
    }),
    { seed: options.seed, numRuns: runs, ...(replaying ? { path: options.path, endOnFailure: true } : {}) },
  );
  const counts = { cases, shrinks: details.numShrinks, shrinkCases, shrinkStopped, noise };
  if (harnessError !== undefined)
    return {
      ...errorResult(base, harnessError, noise),
      ...counts,
      ...pathOf(details.counterexamplePath, options.path),
    };
  const table = latencyTable(latency.old, latency.new);
  if (!reported || reported.divergences.length === 0) {
    // Not different in any case, but slower than demanded: a finding about the whole run (no path).
    const misses = latencyMisses(table, scenario.differential?.maxLatencyRatio);
    return {
      ...base,
      status: misses.length > 0 ? 'different' : 'same',
      ...(misses.length > 0 ? { latencyMisses: misses } : {}),
      ...counts,
      ...(replaying ? { path: options.path } : {}),
      ...(reported ? { counterexample: printable(reported.input), faultPlan: reported.plan } : {}),
      divergences: [],
      latency: table,
    };
  }
  return {
    ...base,
    status: 'different',
    ...counts,
    ...pathOf(details.counterexamplePath, options.path),
    counterexample: printable(reported.input),
    ...(first !== undefined ? { firstFailure: printable(first) } : {}),
    faultPlan: reported.plan,
    divergences: reported.divergences.slice(0, KEPT_DIVERGENCES),
    histories: { old: reported.old.outcome.history, new: reported.new.outcome.history },
    latency: table,
  };
}

function pathOf(found: string | null, replayed: string | undefined): { path?: string } {
  const path = found ?? replayed;
  return path !== undefined && path !== null ? { path } : {};
}

function errorResult(
  base: Pick<DiffResult, 'scenario' | 'old' | 'new' | 'seed' | 'runs'>,
  error: unknown,
  noise: DiffResult['noise'],
): DiffResult {
  return {
    ...base,
    status: 'error',
    cases: 0,
    shrinks: 0,
    shrinkCases: 0,
    shrinkStopped: false,
    noise,
    divergences: [],
    latency: [],
    error: describeError(error),
  };
}
