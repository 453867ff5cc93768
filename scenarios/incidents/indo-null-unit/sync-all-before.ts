/**
 * sync-all as it was when INDO booking 2432 was stored with a NULL unit (incidents.md E), kept
 * beside the scenario. It imports reservations only (accommodations were the separate `sync`
 * endpoint's job): the mapper looks the unit up, finds nothing for a unit created in MotoPress
 * since the last `sync`, and inserts the reservation with NULL; then the junction step
 * auto-creates the missing unit - too late: the reservation keeps NULL, and since the junction
 * rows were built from the mapper's lookups, the junction stays empty for that room.
 *
 * `withAccommodationsFirst` is the fix the report planned: step 1 syncs accommodations, then the
 * same reservation code runs. It closes 2432's case but not a unit created after step 1.
 */
import type { Clock } from '../../../src/clock.ts';
import type { Db } from '../../../src/db/db.ts';
import type { MotopressSource } from '../../../src/motopress/motopress-source.ts';
import { syncAccommodations } from '../../../src/motopress/sync-accommodations.ts';

export interface OldSyncDeps {
  db: Db;
  motopress: MotopressSource;
  clock: Clock;
}

export async function syncAllBefore(deps: OldSyncDeps, tenantId: string): Promise<void> {
  const bookings = await deps.motopress.listBookings();
  for (const booking of bookings) {
    const now = new Date(deps.clock.now()).toISOString();
    const lookup = async (motopressId: number) =>
      (
        await deps.db.query<{ id: string }>('SELECT id::text FROM get_accommodation_unit_by_motopress_id($1, $2)', [
          tenantId,
          motopressId,
        ])
      ).rows[0]?.id ?? null;
    // Mapper: the unit as it is known right now (NULL when the unit is new).
    const rooms: Array<{ accommodation: number; accommodation_type: number; unitId: string | null }> = [];
    for (const r of booking.reserved_accommodations) rooms.push({ ...r, unitId: await lookup(r.accommodation) });
    const customer = `${booking.customer.first_name} ${booking.customer.last_name}`.trim() || null;
    const inserted = await deps.db.query<{ id: string }>(
      `INSERT INTO guest_reservations (tenant_id, external_booking_id, status, check_in_date, check_out_date, guest_name, guest_email, accommodation_unit_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (tenant_id, external_booking_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
       RETURNING id::text`,
      [
        tenantId,
        booking.id,
        booking.status,
        booking.check_in_date,
        booking.check_out_date,
        customer,
        booking.customer.email || null,
        rooms[0]?.unitId ?? null,
        now,
      ],
    );
    const reservationId = inserted.rows[0]!.id;
    // Junction step: auto-create units that do not exist yet, then link the rooms the mapper resolved.
    for (const room of rooms) {
      if (room.unitId === null) {
        await deps.db.query(
          `INSERT INTO hotels.accommodation_units (tenant_id, motopress_id, motopress_type_id, title, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (tenant_id, motopress_id) DO NOTHING`,
          [
            tenantId,
            room.accommodation,
            room.accommodation_type > 0 ? room.accommodation_type : null,
            `Accommodation ${room.accommodation}`,
            new Date(deps.clock.now()).toISOString(),
          ],
        );
        continue;
      }
      await deps.db.query(
        `INSERT INTO reservation_accommodations (reservation_id, accommodation_unit_id, motopress_accommodation_id, motopress_type_id, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (reservation_id, motopress_accommodation_id) DO NOTHING`,
        [reservationId, room.unitId, room.accommodation, room.accommodation_type, now],
      );
    }
  }
}

export async function syncAllAccommodationsFirst(deps: OldSyncDeps, tenantId: string): Promise<void> {
  // Step 1/2 (the planned fix): fails -> stop. Step 2/2: the reservation code as it was.
  await syncAccommodations(deps, tenantId);
  await syncAllBefore(deps, tenantId);
}
