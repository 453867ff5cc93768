/**
 * A tenant's reservations as stored, loaded in one query at the start of step 2, so a booking
 * that has not changed since the last sync costs no write at all (and takes no row lock). The
 * comparison is exact: every field the sync writes, and the junction rows. If another sync
 * changes a row after this load, the worst case is one skipped write of a value that was
 * current when loaded; the next sync compares again.
 */
import type { Queryable } from '../db/db.ts';
import type { MappedBooking } from './map-booking.ts';

export interface StoredReservation {
  status: string;
  checkIn: string;
  checkOut: string;
  guestName: string | null;
  guestEmail: string | null;
  guestPhone: string | null;
  unitId: string | null;
  /** [MotoPress accommodation id, our unit id, MotoPress type id], by accommodation id. */
  rooms: Array<[number, string, number | null]>;
}

export async function loadStoredReservations(db: Queryable, tenantId: string): Promise<Map<number, StoredReservation>> {
  const { rows } = await db.query<{
    external_booking_id: string;
    status: string;
    check_in: string;
    check_out: string;
    guest_name: string | null;
    guest_email: string | null;
    guest_phone: string | null;
    unit_id: string | null;
    rooms: Array<[number, string, number | null]>;
  }>(
    `SELECT r.external_booking_id::text, r.status, r.check_in_date::text AS check_in, r.check_out_date::text AS check_out, r.guest_name, r.guest_email, r.guest_phone,
            r.accommodation_unit_id::text AS unit_id,
            coalesce(json_agg(json_build_array(j.motopress_accommodation_id, j.accommodation_unit_id::text, j.motopress_type_id) ORDER BY j.motopress_accommodation_id)
                     FILTER (WHERE j.id IS NOT NULL), '[]') AS rooms
       FROM guest_reservations r LEFT JOIN reservation_accommodations j ON j.reservation_id = r.id
      WHERE r.tenant_id = $1 GROUP BY r.id ORDER BY r.external_booking_id`,
    [tenantId],
  );
  return new Map(
    rows.map((r) => [
      Number(r.external_booking_id),
      {
        status: r.status,
        checkIn: r.check_in,
        checkOut: r.check_out,
        guestName: r.guest_name,
        guestEmail: r.guest_email,
        guestPhone: r.guest_phone,
        unitId: r.unit_id,
        rooms: r.rooms,
      },
    ]),
  );
}

/** Would writing `booking` (with its resolved units) change nothing? */
export function isUnchanged(
  stored: StoredReservation | undefined,
  booking: MappedBooking,
  unitIds: ReadonlyMap<number, string>,
): boolean {
  if (!stored) return false;
  const primary =
    // Stryker disable next-line ConditionalExpression: get(undefined) on a map of numbers is undefined, so null too
    booking.primaryAccommodation === undefined ? null : (unitIds.get(booking.primaryAccommodation) ?? null);
  const rooms = booking.rooms
    .map((r): [number, string | undefined, number] => [
      r.motopressAccommodationId,
      unitIds.get(r.motopressAccommodationId),
      r.motopressTypeId,
    ])
    .sort((a, b) => a[0] - b[0]);
  return (
    stored.status === booking.status &&
    stored.checkIn === booking.checkIn &&
    stored.checkOut === booking.checkOut &&
    stored.guestName === booking.guestName &&
    stored.guestEmail === booking.guestEmail &&
    stored.guestPhone === booking.guestPhone &&
    stored.unitId === primary &&
    JSON.stringify(stored.rooms) === JSON.stringify(rooms)
  );
}
