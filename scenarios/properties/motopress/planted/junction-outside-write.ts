/**
 * PLANTED BUG: the junction rows are written outside the reservation's write - the reservation
 * is upserted in one statement, its rooms inserted in a second. A crash or a lost connection
 * between the two leaves a new reservation with no junction rows (the incident's "the junction
 * stays empty"). Caught by junction-complete at the end of chaos.
 */
import { syncAccommodations } from '../../../../src/motopress/sync-accommodations.ts';
import { syncAll } from '../../../../src/motopress/sync-all.ts';
import type { HotelSync } from '../hotel-actors.ts';
import { isReservationWrite, mutateDb } from './mutant-db.ts';

const mutant = (db: Parameters<typeof mutateDb>[0]) =>
  mutateDb(db, (text, params, inner) => {
    if (!isReservationWrite(text)) return undefined;
    return (async () => {
      // Statement 1: the real write with its junction insert switched off.
      const reservationOnly = text.replace('FROM r, rooms', 'FROM r, rooms WHERE false');
      if (reservationOnly === text) throw new Error('the mutant no longer matches src/motopress/write-reservation.ts');
      const written = await inner.query(reservationOnly, params);
      // Statement 2: the rooms, on their own.
      await inner.query(
        `INSERT INTO reservation_accommodations (reservation_id, accommodation_unit_id, motopress_accommodation_id, motopress_type_id, created_at)
         SELECT r.id, t.unit_id, t.motopress_accommodation_id, t.motopress_type_id, $3
           FROM guest_reservations r, unnest($4::bigint[], $5::bigint[], $6::bigint[]) AS t(unit_id, motopress_accommodation_id, motopress_type_id)
          WHERE r.tenant_id = $1 AND r.external_booking_id = $2
         ON CONFLICT (reservation_id, motopress_accommodation_id) DO NOTHING`,
        [params[0], params[1], params[9], params[10], params[11], params[12]],
      );
      return written;
    })();
  });

export const junctionOutsideWrite: HotelSync = {
  syncAll: (deps, tenantId) => syncAll({ ...deps, db: mutant(deps.db) }, tenantId),
  syncAccommodations,
};
