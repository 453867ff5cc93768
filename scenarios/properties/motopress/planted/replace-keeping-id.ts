/**
 * PLANTED BUG: "update" as delete-then-insert keeping the primary key - a changed booking's
 * reservation is deleted, then inserted again under its old id, in two statements outside a
 * transaction. The id survives and the end state is right, but between the two statements the
 * guest's stay is not in the table (and stays missing until the next sync if the second one
 * fails or the sync crashes). Caught by stays-stored.
 */
import { syncAccommodations } from '../../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../../src/motopress/sync-all.ts';
import type { Db } from '../../../../src/db/db.ts';
import type { HotelSync } from '../hotel-actors.ts';
import { isReservationWrite, mutateDb } from './mutant-db.ts';

const INSERT = /INSERT INTO guest_reservations AS r \(tenant_id, ([^)]*)\)\s*VALUES \(\$1, /;

const mutant = (db: Db) =>
  mutateDb(db, (text, params, inner) => {
    if (!isReservationWrite(text)) return undefined;
    if (!INSERT.test(text)) throw new Error('the mutant no longer matches src/motopress/write-reservation.ts');
    return (async () => {
      const removed = await inner.query<{ id: string }>(
        'DELETE FROM guest_reservations WHERE tenant_id = $1 AND external_booking_id = $2 RETURNING id::text',
        [params[0], params[1]],
      );
      const old = removed.rows[0]?.id;
      if (old === undefined) return inner.query(text, params);
      const withId = text.replace(
        INSERT,
        (_, columns: string) => `INSERT INTO guest_reservations AS r (id, tenant_id, ${columns}) VALUES ($14, $1, `,
      );
      return inner.query(withId, [...params, old]);
    })();
  });

export const replaceKeepingId: HotelSync = {
  syncAll: (deps, tenantId) => syncAll({ ...deps, db: mutant(deps.db) }, tenantId),
  syncAccommodations,
};
