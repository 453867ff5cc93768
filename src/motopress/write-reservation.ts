/**
 * One booking into guest_reservations and its junction rows, in ONE statement (a data-modifying
 * CTE is atomic on its own): a crash or a lost connection leaves either the previous state or
 * the new one, never a reservation without its junction rows. One round trip per booking also
 * keeps a 101-booking sync cheap.
 *
 * Idempotent by (tenant, external booking id): an unchanged booking keeps its values and its
 * updated_at; junction rows of rooms the booking no longer has are removed.
 */
import type { Queryable } from '../db/db.ts';
import type { MappedBooking } from './map-booking.ts';
import type { UpsertOutcome } from './upsert-unit.ts';

const WRITE = `
WITH before AS (
  -- The row as this statement's snapshot sees it: what "changed" is measured against.
  SELECT status, check_in_date, check_out_date, guest_name, guest_email, guest_phone, accommodation_unit_id
    FROM guest_reservations WHERE tenant_id = $1 AND external_booking_id = $2
), r AS (
  INSERT INTO guest_reservations AS r (tenant_id, external_booking_id, status, check_in_date, check_out_date, guest_name, guest_email, guest_phone, accommodation_unit_id, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
  ON CONFLICT (tenant_id, external_booking_id) DO UPDATE
    SET status = EXCLUDED.status, check_in_date = EXCLUDED.check_in_date, check_out_date = EXCLUDED.check_out_date, guest_name = EXCLUDED.guest_name,
        guest_email = EXCLUDED.guest_email, guest_phone = EXCLUDED.guest_phone, accommodation_unit_id = EXCLUDED.accommodation_unit_id,
        updated_at = CASE WHEN (r.status, r.check_in_date, r.check_out_date, r.guest_name, r.guest_email, r.guest_phone, r.accommodation_unit_id)
                          IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.check_in_date, EXCLUDED.check_out_date, EXCLUDED.guest_name, EXCLUDED.guest_email, EXCLUDED.guest_phone, EXCLUDED.accommodation_unit_id)
                          THEN EXCLUDED.updated_at ELSE r.updated_at END
  RETURNING id, (xmax = 0) AS inserted
), rooms AS (
  SELECT * FROM unnest($11::bigint[], $12::bigint[], $13::bigint[]) AS t(unit_id, motopress_accommodation_id, motopress_type_id)
), removed AS (
  DELETE FROM reservation_accommodations j USING r
   WHERE j.reservation_id = r.id AND NOT (j.motopress_accommodation_id = ANY($12::bigint[]))
  RETURNING 1
), linked AS (
  INSERT INTO reservation_accommodations AS j (reservation_id, accommodation_unit_id, motopress_accommodation_id, motopress_type_id, created_at)
  SELECT r.id, rooms.unit_id, rooms.motopress_accommodation_id, rooms.motopress_type_id, $10 FROM r, rooms
  ON CONFLICT (reservation_id, motopress_accommodation_id) DO UPDATE
    SET accommodation_unit_id = EXCLUDED.accommodation_unit_id, motopress_type_id = EXCLUDED.motopress_type_id
    WHERE (j.accommodation_unit_id, j.motopress_type_id) IS DISTINCT FROM (EXCLUDED.accommodation_unit_id, EXCLUDED.motopress_type_id)
  RETURNING 1
)
SELECT r.inserted,
       NOT EXISTS (SELECT 1 FROM before b WHERE (b.status, b.check_in_date, b.check_out_date, b.guest_name, b.guest_email, b.guest_phone, b.accommodation_unit_id)
                   IS NOT DISTINCT FROM ($3::text, $4::date, $5::date, $6::text, $7::text, $8::text, $9::bigint)) AS touched,
       (SELECT count(*) FROM removed)::int + (SELECT count(*) FROM linked)::int AS junction_changes
  FROM r`;

export async function writeReservation(
  db: Queryable,
  tenantId: string,
  booking: MappedBooking,
  unitIds: ReadonlyMap<number, string>,
  nowIso: string,
): Promise<UpsertOutcome> {
  const unitOf = (motopressId: number) => {
    const id = unitIds.get(motopressId);
    // Refuse rather than store the incident: a reserved unit must be resolved first.
    if (id === undefined) throw new Error(`booking ${booking.externalBookingId}: unit ${motopressId} is not resolved`);
    return id;
  };
  const primary = booking.primaryAccommodation === undefined ? null : unitOf(booking.primaryAccommodation);
  const { rows } = await db.query<{ inserted: boolean; touched: boolean; junction_changes: number }>(WRITE, [
    tenantId,
    booking.externalBookingId,
    booking.status,
    booking.checkIn,
    booking.checkOut,
    booking.guestName,
    booking.guestEmail,
    booking.guestPhone,
    primary,
    nowIso,
    booking.rooms.map((r) => unitOf(r.motopressAccommodationId)),
    booking.rooms.map((r) => r.motopressAccommodationId),
    booking.rooms.map((r) => r.motopressTypeId),
  ]);
  const row = rows[0]!;
  if (row.inserted) return 'created';
  return row.touched || row.junction_changes > 0 ? 'updated' : 'unchanged';
}
