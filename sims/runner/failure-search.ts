/**
 * What one run learns while fast-check generates and shrinks cases: the failure to report, the
 * first failure (what shrinking must keep), other invariants broken along the way, counts, and
 * a harness error that stops everything. fast-check calls `runOne` once per case; everything it
 * decides is a function of the cases' outcomes, so the whole search is a function of the seed.
 */
import { InvariantBroken } from '../invariants/invariant-broken.ts';
import { describeFaultPlan, type FaultPlan } from '../faults/fault-plan.ts';
import type { CaseScheduler } from '../schedule/case-scheduler.ts';
import { breaksExpected, invariantsBroken, keepsFailure } from './breaks-expected.ts';
import type { CaseEngine } from './case-engine.ts';
import { runCase, type CaseOutcome } from './run-case.ts';
import type { Scenario, Variant } from './scenario.ts';

export interface FailingCase<Input> {
  input: Input;
  /** The case's scheduling and fault seed, and its fault plan: what running it again needs. */
  seed: number;
  faultPlan: FaultPlan;
  plan: string;
  outcome: CaseOutcome;
}

export interface SearchLimits {
  /** Cases that may run after the first failure (shrinking) before shrinking stops. */
  shrinkBudget: number;
  /** Scheduler steps a case may take (see sims/schedule/drive-schedule.ts). */
  maxSteps?: number;
  /** A replay reports whatever its one case breaks. */
  replaying: boolean;
  /** The path being replayed (what onFailure names when replaying). */
  path?: string;
}

/** Told as the search goes, for progress and for an interrupted run's report. */
export interface SearchHooks {
  /** After every case, with the number of cases executed so far (and, shrinking, its progress). */
  onCase?: (cases: number, shrink?: { cases: number; budget: number }) => void;
  /**
   * When a case first breaks an invariant, before shrinking, with the path that replays it.
   * `counts` is false for a case that broke only invariants a `breaks` variant does not name.
   */
  onFailure?: (found: { path: string; broken: string[]; counts: boolean }) => void;
}

export class FailureSearch<Input, World> {
  cases = 0;
  shrinkCases = 0;
  shrinkStopped = false;
  lockWaits = 0;
  steps = 0;
  /** The failure to report: the last (smallest) case that kept the first failure. */
  failure: FailingCase<Input> | undefined;
  firstFailure: { input: Input; broken: string[] } | undefined;
  /** A `breaks` variant's first case that broke only other invariants (its run index is its path). */
  otherFailure: (FailingCase<Input> & { path: string }) | undefined;
  readonly alsoBroken = new Set<string>();
  last: FailingCase<Input> | undefined;
  harnessError: unknown;

  readonly #scenario: Scenario<Input, World>;
  readonly #variant: Variant<Input, World>;
  readonly #engine: CaseEngine;
  readonly #limits: SearchLimits;
  readonly #hooks: SearchHooks;

  constructor(
    scenario: Scenario<Input, World>,
    variant: Variant<Input, World>,
    engine: CaseEngine,
    limits: SearchLimits,
    hooks: SearchHooks = {},
  ) {
    this.#scenario = scenario;
    this.#variant = variant;
    this.#engine = engine;
    this.#limits = limits;
    this.#hooks = hooks;
  }

  /** One case; throws InvariantBroken when it counts as the failure being searched for. */
  async runOne(input: Input, seed: number, plan: FaultPlan, scheduler: CaseScheduler): Promise<void> {
    // After a harness error every further case (shrinking included) is skipped: shrinking a
    // broken harness finds nothing, and fast-check's path then names the case that failed.
    if (this.harnessError !== undefined) return;
    // Past the budget every further shrink candidate "passes" without running, so fast-check
    // settles on the smallest failure found so far.
    if (this.firstFailure !== undefined) {
      if (this.shrinkCases >= this.#limits.shrinkBudget) {
        this.shrinkStopped = true;
        return;
      }
      this.shrinkCases++;
    }
    this.cases++;
    let outcome: CaseOutcome;
    try {
      outcome = await runCase(this.#scenario, this.#variant, input, scheduler, this.#engine, seed, plan, {
        ...(this.#limits.maxSteps !== undefined ? { maxSteps: this.#limits.maxSteps } : {}),
      });
    } catch (error) {
      this.harnessError = error;
      throw error;
    } finally {
      const shrinking = this.firstFailure !== undefined;
      this.#hooks.onCase?.(
        this.cases,
        shrinking ? { cases: this.shrinkCases, budget: this.#limits.shrinkBudget } : undefined,
      );
    }
    this.lockWaits += outcome.lockWaits;
    this.steps += outcome.steps;
    this.last = { input, seed, faultPlan: plan, plan: describeFaultPlan(plan), outcome };
    const broken = invariantsBroken(outcome);
    if (broken.length === 0) return;
    const path = this.#limits.replaying ? (this.#limits.path ?? '') : String(this.cases - 1);
    if (!this.#counts(broken)) {
      if (this.firstFailure === undefined) {
        for (const name of broken) this.alsoBroken.add(name);
        if (this.otherFailure === undefined) this.#hooks.onFailure?.({ path, broken, counts: false });
        this.otherFailure ??= { ...this.last, path };
      }
      return;
    }
    this.failure = this.last;
    if (this.firstFailure === undefined) this.#hooks.onFailure?.({ path, broken, counts: true });
    this.firstFailure ??= { input, broken };
    throw new InvariantBroken(outcome.violations.map((v) => `${v.invariant}: ${v.message}`).join('\n'));
  }

  #counts(broken: string[]): boolean {
    if (this.#limits.replaying) return true;
    return this.firstFailure
      ? keepsFailure(this.#variant, this.firstFailure.broken, broken)
      : breaksExpected(this.#variant, broken);
  }
}
