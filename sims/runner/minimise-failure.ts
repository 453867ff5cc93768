/**
 * The reported failure's schedule, minimised (sims/schedule/minimise-departures.ts): the same
 * input, seed and fault plan run again under fewer departures from the default policy, keeping
 * only schedules that break every invariant the reported case broke. What a person reads is
 * then the few preemptions the bug needs, not whatever fast-check's random scheduler did.
 */
import type { FaultPlan } from '../faults/fault-plan.ts';
import type { Departure } from '../schedule/decision-tracker.ts';
import { encodeDepartures } from '../schedule/departure-codec.ts';
import { minimiseDepartures } from '../schedule/minimise-departures.ts';
import { PolicyScheduler } from '../schedule/policy-scheduler.ts';
import { invariantsBroken } from './breaks-expected.ts';
import type { CaseEngine } from './case-engine.ts';
import { runCase, type CaseLimits, type CaseOutcome } from './run-case.ts';
import type { Scenario, Variant } from './scenario.ts';

/**
 * Cases one minimisation may take (each a few ms to ~1 s). Measured at seed 1 with 150: every
 * `breaks` variant but one done in 1..23 cases; properties-bot's planted-non-atomic-write went
 * 45 -> 6 preemptions and hit the bound after 111 s, too long for a gate.
 */
export const DEFAULT_MINIMISE_BUDGET = 60;

export interface CaseToMinimise<Input> {
  input: Input;
  seed: number;
  faultPlan: FaultPlan;
  outcome: CaseOutcome;
}

export interface MinimisedCase {
  /** The minimal schedule, as `--schedule` takes it. */
  schedule: string;
  /** Preemptions (departures from the default policy) before and after. */
  before: number;
  after: number;
  /** Cases run to minimise, and whether the budget stopped it. */
  runs: number;
  budgetHit: boolean;
  outcome: CaseOutcome;
}

export async function minimiseFailure<Input, World>(
  scenario: Scenario<Input, World>,
  variant: Variant<Input, World>,
  engine: CaseEngine,
  failing: CaseToMinimise<Input>,
  budget: number,
  limits: CaseLimits = {},
): Promise<MinimisedCase> {
  const mustBreak = invariantsBroken(failing.outcome);
  const outcomes = new Map<string, CaseOutcome>([[encodeDepartures(failing.outcome.departures), failing.outcome]]);
  const attempt = async (departures: Departure[]) => {
    let outcome: CaseOutcome;
    try {
      outcome = await runCase(
        scenario,
        variant,
        failing.input,
        new PolicyScheduler(departures),
        engine,
        failing.seed,
        failing.faultPlan,
        limits,
      );
    } catch (error) {
      if (process.env.SYNCSIM_DEBUG_MINIMISE) console.error('minimise attempt failed:', error);
      // A schedule the case cannot finish under (cut short, stalled) does not keep the failure.
      return { fails: false, taken: [], decisions: [] };
    }
    const broken = invariantsBroken(outcome);
    const fails = mustBreak.every((name) => broken.includes(name));
    if (fails) outcomes.set(encodeDepartures(outcome.departures), outcome);
    return { fails, taken: outcome.departures, decisions: outcome.decisions };
  };
  const minimal = await minimiseDepartures(failing.outcome.departures, attempt, budget);
  const schedule = encodeDepartures(minimal.departures);
  const outcome = outcomes.get(schedule);
  // Every list the minimiser keeps came from a failing run (or is the reported case's own).
  if (!outcome) throw new Error(`syncsim: the minimal schedule ${schedule} has no failing run`);
  return {
    schedule,
    before: minimal.before,
    after: minimal.departures.length,
    runs: minimal.runs,
    budgetHit: minimal.budgetHit,
    outcome,
  };
}
