/**
 * One booking into guest_reservations and its junction rows, in ONE transaction: a crash or a
 * lost connection leaves either the previous state or the new one, never a reservation without
 * its junction rows. Idempotent by (tenant, external booking id): an unchanged booking changes
 * no row (updated_at included); junction rows of rooms the booking no longer has are removed.
 */
import type { Db, DbClient } from '../db/db.ts';
import { withTransaction } from '../db/with-transaction.ts';
import type { MappedBooking } from './map-booking.ts';
import type { UpsertOutcome } from './upsert-unit.ts';

export async function writeReservation(db: Db, tenantId: string, booking: MappedBooking, unitIds: ReadonlyMap<number, string>, nowIso: string): Promise<UpsertOutcome> {
  const unitOf = (motopressId: number) => {
    const id = unitIds.get(motopressId);
    // Refuse rather than store the incident: a reserved unit must be resolved first.
    if (id === undefined) throw new Error(`booking ${booking.externalBookingId}: unit ${motopressId} is not resolved`);
    return id;
  };
  const primary = booking.primaryAccommodation === undefined ? null : unitOf(booking.primaryAccommodation);
  const rooms = booking.rooms.map((room) => ({ ...room, unitId: unitOf(room.motopressAccommodationId) }));
  return withTransaction(db, async (tx) => {
    const { id, outcome } = await upsertReservation(tx, tenantId, booking, primary, nowIso);
    const removed = await tx.query('DELETE FROM reservation_accommodations WHERE reservation_id = $1 AND NOT (motopress_accommodation_id = ANY($2::bigint[]))', [
      id,
      rooms.map((r) => r.motopressAccommodationId),
    ]);
    let junctionChanged = (removed.rowCount ?? 0) > 0;
    for (const room of rooms) {
      const written = await tx.query(
        `INSERT INTO reservation_accommodations AS j (reservation_id, accommodation_unit_id, motopress_accommodation_id, motopress_type_id, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (reservation_id, motopress_accommodation_id) DO UPDATE
           SET accommodation_unit_id = EXCLUDED.accommodation_unit_id, motopress_type_id = EXCLUDED.motopress_type_id
           WHERE (j.accommodation_unit_id, j.motopress_type_id) IS DISTINCT FROM (EXCLUDED.accommodation_unit_id, EXCLUDED.motopress_type_id)`,
        [id, room.unitId, room.motopressAccommodationId, room.motopressTypeId, nowIso],
      );
      junctionChanged ||= (written.rowCount ?? 0) > 0;
    }
    return outcome === 'unchanged' && junctionChanged ? 'updated' : outcome;
  });
}

async function upsertReservation(tx: DbClient, tenantId: string, b: MappedBooking, unitId: string | null, nowIso: string): Promise<{ id: string; outcome: UpsertOutcome }> {
  const { rows } = await tx.query<{ id: string; inserted: boolean }>(
    `INSERT INTO guest_reservations AS r (tenant_id, external_booking_id, status, check_in_date, check_out_date, guest_name, guest_email, guest_phone, accommodation_unit_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
     ON CONFLICT (tenant_id, external_booking_id) DO UPDATE
       SET status = EXCLUDED.status, check_in_date = EXCLUDED.check_in_date, check_out_date = EXCLUDED.check_out_date, guest_name = EXCLUDED.guest_name,
           guest_email = EXCLUDED.guest_email, guest_phone = EXCLUDED.guest_phone, accommodation_unit_id = EXCLUDED.accommodation_unit_id, updated_at = EXCLUDED.updated_at
       WHERE (r.status, r.check_in_date, r.check_out_date, r.guest_name, r.guest_email, r.guest_phone, r.accommodation_unit_id)
             IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.check_in_date, EXCLUDED.check_out_date, EXCLUDED.guest_name, EXCLUDED.guest_email, EXCLUDED.guest_phone, EXCLUDED.accommodation_unit_id)
     RETURNING id::text, (xmax = 0) AS inserted`,
    [tenantId, b.externalBookingId, b.status, b.checkIn, b.checkOut, b.guestName, b.guestEmail, b.guestPhone, unitId, nowIso],
  );
  if (rows[0]) return { id: rows[0].id, outcome: rows[0].inserted ? 'created' : 'updated' };
  const existing = await tx.query<{ id: string }>('SELECT id::text FROM guest_reservations WHERE tenant_id = $1 AND external_booking_id = $2', [tenantId, b.externalBookingId]);
  return { id: existing.rows[0]!.id, outcome: 'unchanged' };
}
