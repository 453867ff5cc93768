/**
 * One full scan found in a case, remote (a whole collection paged through) or Postgres (a
 * sequential scan over a large table), and how it becomes a violation of the built-in
 * `no-remote-full-scan`, reported, shrunk and replayed like any broken invariant.
 */
import type { Violation } from '../invariants/invariant.ts';

export const NO_REMOTE_FULL_SCAN = 'no-remote-full-scan';

export type FullScan =
  | {
      kind: 'remote';
      actor: string;
      /** `stream channels`, `stream users`, `motopress bookings`, `motopress accommodations`. */
      collection: string;
      pages: number;
      items: number;
      /** The listing reached the collection's last page (else it went past maxPages). */
      reachedEnd: boolean;
    }
  | { kind: 'pg'; actor: string; table: string; rows: number; sql: string };

export function fullScanViolations(scans: readonly FullScan[]): Violation[] {
  return scans.map((scan) =>
    scan.kind === 'remote'
      ? {
          invariant: NO_REMOTE_FULL_SCAN,
          message:
            `${scan.actor}: read ${scan.reachedEnd ? 'all ' : ''}${scan.pages} page(s) (${scan.items} items) ` +
            `of ${scan.collection} where a keyed lookup suffices`,
          details: {
            actor: scan.actor,
            collection: scan.collection,
            pages: scan.pages,
            items: scan.items,
            reachedEnd: scan.reachedEnd,
          },
        }
      : {
          invariant: NO_REMOTE_FULL_SCAN,
          message: `${scan.actor}: sequential scan of ${scan.table} (${scan.rows} rows) by ${scan.sql}`,
          details: { actor: scan.actor, table: scan.table, rows: scan.rows, sql: scan.sql },
        },
  );
}
