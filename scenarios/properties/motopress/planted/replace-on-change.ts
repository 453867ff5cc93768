/**
 * PLANTED BUG: "update" as delete-and-insert - a changed booking's reservation is deleted and
 * written anew, in one transaction (no reader ever sees it missing). The values end up right,
 * the junction rows too, a second sync changes nothing; but the reservation gets a new id each
 * time the booking changes, and whatever hangs off the old id is orphaned (or cascaded away).
 * Caught only by reservation-id-stable.
 */
import { syncAccommodations } from '../../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../../src/motopress/sync-all.ts';
import { withTransaction } from '../../../../src/db/with-transaction.ts';
import type { Db } from '../../../../src/db/db.ts';
import type { HotelSync } from '../hotel-actors.ts';
import { isReservationWrite, mutateDb } from './mutant-db.ts';

const mutant = (db: Db) =>
  mutateDb(db, (text, params) => {
    if (!isReservationWrite(text)) return undefined;
    return withTransaction(db, async (tx) => {
      await tx.query('DELETE FROM guest_reservations WHERE tenant_id = $1 AND external_booking_id = $2', [
        params[0],
        params[1],
      ]);
      return tx.query(text, params);
    });
  });

export const replaceOnChange: HotelSync = {
  syncAll: (deps, tenantId) => syncAll({ ...deps, db: mutant(deps.db) }, tenantId),
  syncAccommodations,
};
