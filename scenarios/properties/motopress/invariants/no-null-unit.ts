/**
 * no-null-unit (safety): no reservation whose MotoPress booking has accommodations has a NULL
 * unit (incident E: INDO booking 2432). A reservation whose booking is gone from MotoPress is
 * judged too: it was stored from a booking that had rooms (every booking in these worlds does).
 * A legacy row no sync has written yet (updated_at still LEGACY_STAMP, legacy-rows.ts) is what
 * the run starts from, not something it did; converges-to-mirror demands its repair after heal.
 */
import { defineInvariant } from 'syncsim';
import { siteOf, type HotelWorld } from '../hotel-world.ts';
import { LEGACY_STAMP } from '../legacy-rows.ts';

export const noNullUnit = defineInvariant<HotelWorld>({
  name: 'no-null-unit',
  kind: 'safety',
  description: 'no reservation of a booking with accommodations has accommodation_unit_id NULL',
  async check({ db, world }) {
    const { rows } = await db.query<{ tenant_id: string; external_booking_id: string; created_at: string }>(
      'SELECT tenant_id::text, external_booking_id::text, created_at::text FROM guest_reservations WHERE accommodation_unit_id IS NULL AND updated_at <> $1 ORDER BY tenant_id, external_booking_id',
      [LEGACY_STAMP],
    );
    return rows
      .filter(
        (r) =>
          (siteOf(world, r.tenant_id).fake.store.bookings.get(Number(r.external_booking_id))?.rooms.length ?? 1) > 0,
      )
      .map((r) => ({
        invariant: 'no-null-unit',
        message: `${siteOf(world, r.tenant_id).name} booking ${r.external_booking_id} is stored with accommodation_unit_id NULL (stored at ${r.created_at})`,
        details: { tenantId: r.tenant_id, externalBookingId: Number(r.external_booking_id) },
      }));
  },
});
