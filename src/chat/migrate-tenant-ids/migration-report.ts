// What a run did with each planned action, and whether it stopped early (and why).
import type { MigrationAction } from './migration-action.ts';

export type MigrationOutcome =
  | { readonly action: MigrationAction; readonly result: 'applied' }
  | { readonly action: MigrationAction; readonly result: 'skipped' | 'failed' | 'not-run'; readonly why: string };

export interface MigrationReport {
  readonly outcomes: readonly MigrationOutcome[];
  /** Set when the run stopped before its last action: phase 1 incomplete, or too many rooms failed. */
  readonly stopped?: string;
}

/** A run stops once MORE than this share of the rooms it set out to migrate has failed (the runbook's 20%). */
export const roomFailureThreshold = 0.2;
