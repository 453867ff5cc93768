/**
 * One run of validate-migration (the uncrashed run, a crash point, a lost response, the run past
 * the threshold) as a RunResult, so the reporters that draw a run (the HTML timeline, the
 * Perfetto trace) draw it without knowing about migrations. An end state that differs from the
 * uncrashed run's is its "violation" (what the page puts at the top), beside the world's own.
 */
import type { Violation } from '../invariants/invariant.ts';
import type { RunResult } from '../runner/run-result.ts';
import { firstStateDifference } from './first-state-difference.ts';
import type { MigrationPoint } from './migration-point.ts';

export const END_STATE_DIFFERS = 'end-state-differs';

export function pointRunResult(
  point: MigrationPoint,
  baseline: MigrationPoint,
  scenario: string,
  seed: number,
): RunResult {
  const difference = firstStateDifference(baseline.state, point.state);
  const violations: Violation[] = [
    ...(difference === undefined
      ? []
      : [{ invariant: END_STATE_DIFFERS, message: `end state differs from the uncrashed run's at ${difference}` }]),
    ...point.violations,
  ];
  const broken = [...new Set(violations.map((v) => v.invariant))];
  return {
    scenario,
    variant: point.label,
    expect: 'holds',
    status: broken.length === 0 ? 'held' : 'broken',
    met: broken.length === 0,
    seed,
    cases: 1,
    runs: 1,
    shrinks: 0,
    shrinkCases: 0,
    shrinkStopped: false,
    lockWaits: 0,
    faultsInjected: [...point.faults],
    violations,
    broken,
    history: [...point.history],
    schedule: [],
  };
}
