/**
 * PLANTED BUG: "idempotent" by skipping - a booking already stored is never written again, so a
 * cancellation, new dates or a moved room in MotoPress never reach the guest chat. Caught by
 * converges-to-mirror once the admin changes a booking a sync had already stored.
 */
import { syncAccommodations } from '../../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../../src/motopress/sync-all.ts';
import type { HotelSync } from '../hotel-actors.ts';
import { isReservationWrite, mutateDb, skipIfStored } from './mutant-db.ts';

const mutant = (db: Parameters<typeof mutateDb>[0]) =>
  mutateDb(db, (text, params, inner) => {
    if (!isReservationWrite(text)) return undefined;
    return (async () => {
      const skipped = await skipIfStored(inner, params);
      if (skipped) return skipped;
      return inner.query(text, params);
    })();
  });

export const insertOnlyUpsert: HotelSync = {
  syncAll: (deps, tenantId) => syncAll({ ...deps, db: mutant(deps.db) }, tenantId),
  syncAccommodations,
};
