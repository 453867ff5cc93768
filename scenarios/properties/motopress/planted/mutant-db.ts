/**
 * Planted bugs as mutants of the REAL module: src/motopress runs unchanged, and a wrapper around
 * its Db swaps one statement for what a plausible buggy version would send. The mutant is thus
 * the shipped code with exactly one behaviour changed, which is what a property suite must
 * catch. `rewrite` returns undefined to let a statement through.
 */
import type { Db, DbClient, QueryResult, Queryable } from '../../../../src/db/db.ts';

export type Rewrite = (
  text: string,
  params: readonly unknown[],
  inner: Queryable,
) => Promise<QueryResult<unknown>> | undefined;

export function mutateDb(db: Db, rewrite: Rewrite): Db {
  const wrap =
    <Q extends Queryable>(target: Q): Q['query'] =>
    <R>(text: string, params: readonly unknown[] = []) =>
      (rewrite(text, params, target) ?? target.query(text, params)) as Promise<QueryResult<R>>;
  return {
    query: wrap(db),
    async connect(): Promise<DbClient> {
      const client = await db.connect();
      return { query: wrap(client), release: (destroy) => client.release(destroy) };
    },
  };
}

/** The reservation write of src/motopress/write-reservation.ts (the statement mutants swap). */
export const isReservationWrite = (text: string) => text.includes('linked AS (');

/**
 * For mutants that skip bookings already stored: the write's answer for "nothing changed" when
 * the booking (params $1 tenant, $2 external id) is stored, else undefined.
 */
export async function skipIfStored(
  inner: Queryable,
  params: readonly unknown[],
): Promise<QueryResult<unknown> | undefined> {
  const stored = await inner.query(
    'SELECT 1 FROM guest_reservations WHERE tenant_id = $1 AND external_booking_id = $2',
    [params[0], params[1]],
  );
  return stored.rows.length > 0
    ? { rows: [{ inserted: false, touched: false, junction_changes: 0 }], rowCount: 1 }
    : undefined;
}
