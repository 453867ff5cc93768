/**
 * PLANTED BUG for a schema without the unique (tenant_id, external_booking_id) constraint, as a
 * migration under validation might leave it: "insert unless already there", checked with a
 * SELECT and then a plain INSERT. Two sync-alls of one tenant both see the booking missing and
 * both insert it. The shipped schema turns this into a unique violation; without it, only
 * no-duplicate-booking notices.
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
      await inner.query(
        `WITH r AS (
           INSERT INTO guest_reservations (tenant_id, external_booking_id, status, check_in_date, check_out_date, guest_name, guest_email, guest_phone, accommodation_unit_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id)
         INSERT INTO reservation_accommodations (reservation_id, accommodation_unit_id, motopress_accommodation_id, motopress_type_id, created_at)
         SELECT r.id, t.u, t.m, t.t, $10 FROM r, unnest($11::bigint[], $12::bigint[], $13::bigint[]) AS t(u, m, t)`,
        params,
      );
      return { rows: [{ inserted: true, touched: true, junction_changes: 0 }], rowCount: 1 };
    })();
  });

export const checkThenInsert: HotelSync = {
  syncAll: (deps, tenantId) => syncAll({ ...deps, db: mutant(deps.db) }, tenantId),
  syncAccommodations,
};
