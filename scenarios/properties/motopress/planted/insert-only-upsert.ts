/**
 * PLANTED BUG: "idempotent" by skipping - a booking already stored is never written again, so a
 * cancellation, new dates or a moved room in MotoPress never reach the guest chat. Caught by
 * converges-to-mirror once the admin changes a booking a sync had already stored.
 */
import { syncAccommodations } from '../../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../../src/motopress/sync-all.ts';
import type { HotelSync } from '../hotel-actors.ts';
import { mutateDb } from './mutant-db.ts';

const mutant = (db: Parameters<typeof mutateDb>[0]) =>
  mutateDb(db, (text, params, inner) => {
    if (!text.includes('linked AS (')) return undefined;
    return (async () => {
      const stored = await inner.query('SELECT 1 FROM guest_reservations WHERE tenant_id = $1 AND external_booking_id = $2', [params[0], params[1]]);
      if (stored.rows.length > 0) return { rows: [{ inserted: false, touched: false, junction_changes: 0 }], rowCount: 1 };
      return inner.query(text, params);
    })();
  });

export const insertOnlyUpsert: HotelSync = {
  syncAll: (deps, tenantId) => syncAll({ ...deps, db: mutant(deps.db) }, tenantId),
  syncAccommodations,
};
