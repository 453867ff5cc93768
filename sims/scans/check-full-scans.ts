/**
 * The built-in `no-remote-full-scan`, checked with the scenario's invariants when the scenario
 * declares `scans` (sims/scans/scan-declaration.ts); nothing at all otherwise.
 */
import type { Queryable } from '../../src/db/db.ts';
import type { HistoryEvent } from '../history/history.ts';
import type { Violation } from '../invariants/invariant.ts';
import { fullScanViolations } from './full-scan.ts';
import { pgSeqScans } from './pg-seq-scans.ts';
import { remoteFullScans } from './remote-full-scans.ts';
import type { ScanDeclaration } from './scan-declaration.ts';

export async function checkFullScans(
  declared: ScanDeclaration | undefined,
  db: Queryable,
  history: readonly HistoryEvent[],
): Promise<Violation[]> {
  if (!declared) return [];
  return fullScanViolations([
    ...remoteFullScans(history, declared.remote),
    ...(await pgSeqScans(db, history, declared.pg)),
  ]);
}
