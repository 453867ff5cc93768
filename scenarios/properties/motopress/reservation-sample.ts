/**
 * What the reservations table held at one point of a run, beside which bookings the hotels'
 * sites still had at that point: the evidence of the history-based invariants
 * (reservation-id-stable, stays-stored), which judge what happened between samples, not only
 * the end state a heal can repair.
 *
 * `live` is read from the fakes AFTER the table: a booking is never brought back once trashed or
 * deleted (no actor restores one), so a booking live then was live for the whole read too.
 */
import type { Queryable } from '../../../src/db/db.ts';
import type { HotelWorld } from './hotel-world.ts';

export interface ReservationSample {
  /** Where it was taken, for the violation message. */
  label: string;
  /** `${tenantId}/${externalBookingId}` -> guest_reservations.id */
  ids: Map<string, string>;
  /** `${tenantId}/${bookingId}` of every booking a site has and has not trashed. */
  live: Set<string>;
}

export const bookingKey = (tenantId: string, bookingId: number | string) => `${tenantId}/${bookingId}`;

export async function readReservationSample(
  db: Queryable,
  world: HotelWorld,
  label: string,
): Promise<ReservationSample> {
  const { rows } = await db.query<{ tenant_id: string; external_booking_id: string; id: string }>(
    'SELECT tenant_id::text, external_booking_id::text, id::text FROM guest_reservations ORDER BY tenant_id, external_booking_id',
  );
  return {
    label,
    ids: new Map(rows.map((r) => [bookingKey(r.tenant_id, r.external_booking_id), r.id])),
    live: liveBookings(world),
  };
}

export function liveBookings(world: HotelWorld): Set<string> {
  const live = new Set<string>();
  for (const site of world.sites)
    for (const booking of site.fake.store.bookings.values())
      if (booking.status !== 'trash') live.add(bookingKey(site.tenantId, booking.id));
  return live;
}
