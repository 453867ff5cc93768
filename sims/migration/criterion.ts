/**
 * One verdict of `syncsim validate-migration`: a criterion, its status and its evidence (what
 * was measured, always; on failure the first few cases). Shared by every criterion's module.
 */
import type { RunResult } from '../runner/run-result.ts';

export type CriterionStatus = 'pass' | 'fail' | 'inconclusive' | 'not run';

export interface Criterion {
  readonly id: string;
  readonly title: string;
  readonly status: CriterionStatus;
  /** What was measured (always), and on failure the first few cases. */
  readonly evidence: readonly string[];
  /** Flags the replay line adds to replay exactly the failing case (e.g. `--path 3:0`). */
  readonly replayFlags?: string;
  /**
   * The first few runs it was judged on (a failing criterion: those that show the failure), for
   * --html and --trace; left out of --json (whole histories).
   */
  readonly runs?: readonly RunResult[];
}

export const MAX_EVIDENCE = 5;

/** The first MAX_EVIDENCE problems, and how many more there were. */
export function someProblems(problems: readonly string[]): string[] {
  return [
    ...problems.slice(0, MAX_EVIDENCE),
    ...(problems.length > MAX_EVIDENCE ? [`... and ${problems.length - MAX_EVIDENCE} more`] : []),
  ];
}

/** Pass when nothing went wrong, else fail with the problems as evidence (and the runs that show them). */
export const criterion = (
  id: string,
  title: string,
  problems: readonly string[],
  measured: string,
  runs: readonly RunResult[] = [],
): Criterion => ({
  id,
  title,
  status: problems.length === 0 ? 'pass' : 'fail',
  evidence: [measured, ...someProblems(problems)],
  ...(runs.length > 0 ? { runs: runs.slice(0, MAX_EVIDENCE) } : {}),
});

export const notRun = (id: string, title: string, why: string): Criterion => ({
  id,
  title,
  status: 'not run',
  evidence: [why],
});
