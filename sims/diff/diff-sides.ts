/**
 * The reported case of a differential run as two runs, old and new, so the reporters that draw
 * a run (the HTML timeline, the Perfetto trace) draw both sides of a diff without knowing about
 * diffs. Each side carries the first divergence as its "violation" (what the page puts at the
 * top) and the diff's replay line, not a `run` line: the case's path is the diff's.
 */
import type { RunResult } from '../runner/run-result.ts';
import type { DiffResult } from './diff-result.ts';

export const DIVERGENCE = 'differs';

export function diffSides(result: DiffResult): RunResult[] {
  if (!result.histories) return [];
  const first = result.divergences[0];
  const side = (variant: string, history: RunResult['history'], value: string | undefined): RunResult => ({
    scenario: result.scenario,
    variant,
    expect: 'holds',
    status: result.status === 'same' ? 'held' : result.status === 'different' ? 'broken' : result.status,
    met: result.status === 'same',
    seed: result.seed,
    ...(result.path !== undefined ? { path: result.path } : {}),
    ...(result.maxSteps !== undefined ? { maxSteps: result.maxSteps } : {}),
    cases: result.cases,
    runs: result.runs,
    shrinks: result.shrinks,
    shrinkCases: result.shrinkCases,
    shrinkStopped: result.shrinkStopped,
    lockWaits: 0,
    ...(result.counterexample !== undefined ? { counterexample: result.counterexample } : {}),
    ...(result.firstFailure !== undefined ? { firstFailure: result.firstFailure } : {}),
    ...(result.faultPlan !== undefined ? { faultPlan: result.faultPlan } : {}),
    violations: first
      ? [
          {
            invariant: DIVERGENCE,
            message: `first divergence: ${first.path}: ${variant} ${value ?? '(missing)'}`,
            details: { path: first.path },
          },
        ]
      : [],
    broken: first ? [DIVERGENCE] : [],
    history,
    schedule: [],
    ...(result.error !== undefined ? { error: result.error } : {}),
  });
  return [side(result.old, result.histories.old, first?.old), side(result.new, result.histories.new, first?.new)];
}
