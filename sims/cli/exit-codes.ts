/**
 * Every exit code syncsim's commands use, in one place, so the README's tables and the code
 * cannot drift apart (sims/cli/exit-codes.test.ts checks the README against this file).
 * bot-cleanup lives in src/, which may not import this, and repeats its two codes there.
 */
import type { RunResult, RunStatus } from '../runner/run-result.ts';

export const EXIT = {
  /** Every scenario (variant) did what it is expected to do; a fake stopped when asked. */
  ok: 0,
  /** An invariant broke. */
  broken: 1,
  /** Inconclusive: e.g. a `breaks` variant that did not break within its runs. */
  inconclusive: 2,
  /** Harness error: bad input (flag, value, scenario, environment variable, migration), Postgres unusable. */
  error: 3,
  /** Interrupted: 128 + the signal's number, as shells report it. */
  interruptedBySigint: 130,
  interruptedBySigterm: 143,
} as const;

/** held, broken, inconclusive, error: worse to the right; a command reports its worst. */
const RANK: readonly RunStatus[] = ['held', 'inconclusive', 'broken', 'error'];

const BY_STATUS: Record<RunStatus, number> = {
  held: EXIT.ok,
  broken: EXIT.broken,
  inconclusive: EXIT.inconclusive,
  error: EXIT.error,
};

export function exitCodeOfStatus(status: RunStatus): number {
  return BY_STATUS[status];
}

export function worstStatus(statuses: Iterable<RunStatus>): RunStatus {
  let worst: RunStatus = 'held';
  for (const status of statuses) if (RANK.indexOf(status) > RANK.indexOf(worst)) worst = status;
  return worst;
}

/**
 * What one variant's run adds up to. A `breaks` variant that held proved nothing (the bug was
 * not found within the runs): inconclusive, never a pass.
 */
export function runOutcome(result: Pick<RunResult, 'status' | 'expect'>): RunStatus {
  if (result.status === 'held' && result.expect === 'breaks') return 'inconclusive';
  return result.status;
}

/** `reproduce`: 0 only when every variant met its expectation, else the worst of those that did not. */
export function reproduceOutcome(results: readonly Pick<RunResult, 'status' | 'expect' | 'met'>[]): RunStatus {
  return worstStatus(results.filter((r) => !r.met).map((r) => (r.status === 'held' ? 'inconclusive' : r.status)));
}

/** `diff`: same 0, different 1, inconclusive 2, error 3, as `run` counts held, broken, inconclusive, error. */
export function exitCodeOfDiff(status: 'same' | 'different' | 'inconclusive' | 'error'): number {
  return { same: EXIT.ok, different: EXIT.broken, inconclusive: EXIT.inconclusive, error: EXIT.error }[status];
}

export function interruptedExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? EXIT.interruptedBySigterm : EXIT.interruptedBySigint;
}
