/**
 * The result of running one variant of a scenario: plain data, so it can be printed, written as
 * JSON, compared across replays or turned into JUnit without knowing how it was produced.
 */
import type { HistoryEvent } from '../history/history.ts';
import type { Violation } from '../invariants/invariant.ts';
import type { Phase } from './run-case.ts';

/** held: nothing broke. broken: an invariant broke. inconclusive: the run could not decide. error: the harness failed. */
export type RunStatus = 'held' | 'broken' | 'inconclusive' | 'error';

export interface RunResult {
  scenario: string;
  variant: string;
  expect: 'holds' | 'breaks';
  status: RunStatus;
  /** Did the variant do what it is expected to do (hold, or break the named invariants)? */
  met: boolean;
  /** fast-check seed and, for a failure or a replay, the path of the reported case. */
  seed: number;
  path?: string;
  /** The step bound given for this run, when it overrode the scenario's (replays need it). */
  maxSteps?: number;
  /** Cases executed, including shrinking. */
  cases: number;
  /** Cases asked for. */
  runs: number;
  /** Successful shrink steps: each made the counterexample smaller. */
  shrinks: number;
  /** Cases run while shrinking (included in `cases`). */
  shrinkCases: number;
  /** Shrinking hit its budget: the counterexample is small, but maybe not the smallest. */
  shrinkStopped: boolean;
  /** Lock waits (yield points) taken over all cases: shows the locking path was exercised. */
  lockWaits: number;
  /** Scheduler steps (released operations) over all cases. */
  steps?: number;
  /** Cases run again by --verify-determinism (each compared byte for byte). */
  determinismReplays?: number;
  /** The reported case's input (the shrunk counterexample on failure), as fast-check prints it. */
  counterexample?: string;
  /** The same input as JSON data (see json-data.ts), for tools reading `--json`. */
  input?: unknown;
  /** The input of the first failing case, before shrinking. */
  firstFailure?: string;
  /** Invariants that other cases broke (a `breaks` variant's search goes past them). */
  alsoBroken?: string[];
  /** The reported case's fault plan and the faults that actually fired. */
  faultPlan?: string;
  faultsInjected?: string[];
  phase?: Phase;
  violations: Violation[];
  broken: string[];
  /** The schedule (--schedule) this run replayed, when it replayed one. */
  replaySchedule?: string;
  /** The reported failure with its schedule minimised (sims/runner/minimise-failure.ts). */
  minimal?: MinimalInterleaving;
  /** History and released schedule of the reported case. */
  history: HistoryEvent[];
  schedule: string[];
  error?: string;
}

export interface MinimalInterleaving {
  /** The minimal schedule, as `--schedule` takes it (empty: the default policy alone). */
  schedule: string;
  /** Preemptions (departures from the default policy) of the reported case, and of the minimal one. */
  before: number;
  after: number;
  /** Cases run to minimise; budgetHit: the run budget stopped it before it was done. */
  runs: number;
  budgetHit: boolean;
  phase: Phase;
  violations: Violation[];
  history: HistoryEvent[];
  /** The faults that fired under the minimal schedule (`kind actor operation`, as faultsInjected). */
  faults: string[];
}

// Exit codes live in sims/cli/exit-codes.ts (one module for every command).
