/**
 * The result of a differential run: plain data, like RunResult, so it prints, goes to JSON and
 * compares across replays without knowing how it was produced.
 */
import type { HistoryEvent } from '../history/history.ts';
import type { Divergence } from './compare-states.ts';
import type { LatencyRow } from './latency.ts';

/** same: no case differed. different: one did (or the new variant missed the latency demanded). inconclusive: the old variant differs from itself in what its actors did. error: the harness failed. */
export type DiffStatus = 'same' | 'different' | 'inconclusive' | 'error';

export interface DiffResult {
  scenario: string;
  old: string;
  new: string;
  status: DiffStatus;
  seed: number;
  /** The reported case (a difference, a harness error's case, or the case replayed). */
  path?: string;
  maxSteps?: number;
  /** Case pairs asked for, and run (shrinking included). */
  runs: number;
  cases: number;
  shrinks: number;
  shrinkCases: number;
  shrinkStopped: boolean;
  noise: {
    /** Cases the old variant was run twice on (the first ones of the run). */
    cases: number;
    /** What the scenario declared, and what the self-comparison found on top. */
    declared: string[];
    measured: string[];
  };
  counterexample?: string;
  firstFailure?: string;
  faultPlan?: string;
  /** Every difference of the reported case, in report order (the first is "the" divergence). */
  divergences: Divergence[];
  /** The reported case's histories, old and new. */
  histories?: { old: HistoryEvent[]; new: HistoryEvent[] };
  latency: LatencyRow[];
  /** Rows slower than the scenario's maxLatencyRatio demands: a difference too (exit 1). */
  latencyMisses?: string[];
  error?: string;
}
