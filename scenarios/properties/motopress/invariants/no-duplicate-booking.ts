/**
 * no-duplicate-booking (safety): a MotoPress booking is stored at most once per tenant, and a
 * reserved accommodation at most once per reservation. The shipped schema enforces both with
 * unique constraints; this check is what still catches duplicates when a migration under
 * validation (`--migrations DIR`) drops them, or a sync keys rows on something else.
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { HotelWorld } from '../hotel-world.ts';

export const noDuplicateBooking = defineInvariant<HotelWorld>({
  name: 'no-duplicate-booking',
  kind: 'safety',
  description: 'each booking is one reservation per tenant; each reserved unit one junction row',
  async check({ db }) {
    const reservations = await db.query<{ tenant_id: string; external_booking_id: string; n: number }>(
      `SELECT tenant_id::text, external_booking_id::text, count(*)::int AS n FROM guest_reservations
        GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1, 2`,
    );
    const junction = await db.query<{ reservation_id: string; motopress_accommodation_id: string; n: number }>(
      `SELECT reservation_id::text, motopress_accommodation_id::text, count(*)::int AS n FROM reservation_accommodations
        GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1, 2`,
    );
    const violations: Violation[] = reservations.rows.map((r) => ({
      invariant: 'no-duplicate-booking',
      message: `booking ${r.external_booking_id} of tenant ${r.tenant_id} is stored ${r.n} times`,
      details: r,
    }));
    for (const j of junction.rows) {
      violations.push({
        invariant: 'no-duplicate-booking',
        message: `reservation ${j.reservation_id} has ${j.n} junction rows for accommodation ${j.motopress_accommodation_id}`,
        details: j,
      });
    }
    return violations;
  },
});
