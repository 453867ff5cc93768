/**
 * junction-complete (safety): every reservation of a booking with accommodations has junction
 * rows, and its own unit is one of them. The incident left INDO 2432 with none. Checked at the
 * end of chaos too, so a reservation committed without its junction rows (a crash in between)
 * is caught before the heal phase could repair it. The exact room set is converges-to-mirror's.
 * A legacy row no sync has written yet (updated_at still LEGACY_STAMP: an earlier version stored
 * it without junction rows) is not judged; converges-to-mirror demands its rows after heal.
 */
import { defineInvariant } from 'syncsim';
import { siteOf, type HotelWorld } from '../hotel-world.ts';
import { LEGACY_STAMP } from '../legacy-rows.ts';

export const junctionComplete = defineInvariant<HotelWorld>({
  name: 'junction-complete',
  kind: 'safety',
  description: 'every reservation has junction rows, including one for its own unit',
  async check({ db, world }) {
    const { rows } = await db.query<{
      tenant_id: string;
      external_booking_id: string;
      unit: string | null;
      junction_units: string[];
    }>(
      `SELECT r.tenant_id::text, r.external_booking_id::text, r.accommodation_unit_id::text AS unit,
              coalesce(array_agg(j.accommodation_unit_id::text ORDER BY j.id) FILTER (WHERE j.id IS NOT NULL), '{}') AS junction_units
         FROM guest_reservations r LEFT JOIN reservation_accommodations j ON j.reservation_id = r.id
        WHERE r.updated_at <> $1
        GROUP BY r.id ORDER BY r.tenant_id, r.external_booking_id`,
      [LEGACY_STAMP],
    );
    return rows
      .filter(
        (r) =>
          (siteOf(world, r.tenant_id).fake.store.bookings.get(Number(r.external_booking_id))?.rooms.length ?? 1) > 0,
      )
      .filter((r) => r.junction_units.length === 0 || (r.unit !== null && !r.junction_units.includes(r.unit)))
      .map((r) => ({
        invariant: 'junction-complete',
        message:
          r.junction_units.length === 0
            ? `${siteOf(world, r.tenant_id).name} booking ${r.external_booking_id} has no reservation_accommodations rows`
            : `${siteOf(world, r.tenant_id).name} booking ${r.external_booking_id}: its unit ${r.unit} is not among its junction rows (${r.junction_units.join(', ')})`,
        details: {
          tenantId: r.tenant_id,
          externalBookingId: Number(r.external_booking_id),
          unit: r.unit,
          junctionUnits: r.junction_units,
        },
      }));
  },
});
