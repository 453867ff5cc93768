/**
 * Rows an earlier version of the sync left in Postgres before this run (incidents.md E and its
 * reports), seeded per tenant, with what src/motopress must do with each:
 *   - a reservation stored with accommodation_unit_id NULL and no junction rows (INDO 2432):
 *     the first sync-all that reaches it gives it its unit and junction rows, in place;
 *   - a unit row whose MotoPress id no longer exists at the site: marked 'deleted', kept
 *     (reservations may point at it);
 *   - bookings in unusual statuses stored stale: an abandoned booking stored as 'pending' with
 *     the guest's first name only, an upper-case email, no phone and an old check-out; a
 *     cancelled one stored as 'confirmed': updated in place (same reservation id);
 *   - a reservation of a booking now in the trash, and one of a booking that no longer exists
 *     (both on the vanished unit): deleted, with their junction rows.
 * converges-to-mirror states the end result; every legacy row carries LEGACY_STAMP as its
 * updated_at, which no sync writes, so the safety invariants can tell a row no sync has reached
 * yet (allowed during chaos) from one a sync wrote wrong.
 */
import type { MotopressWorld } from 'syncsim/fakes/motopress';
import type { Queryable } from '../../../src/db/db.ts';
import type { HotelSite } from './hotel-world.ts';

export const LEGACY_STAMP = '2025-06-01T00:00:00.000Z';
/** MotoPress ids no site in these worlds reaches (the fakes number posts from 1). */
const VANISHED_UNIT = 5000;
const VANISHED_BOOKING = 7000;

export async function seedLegacyRows(db: Queryable, site: HotelSite, built: MotopressWorld): Promise<void> {
  const store = site.fake.store;
  const [typeId] = built.accommodationTypeIds;
  const [, unitA, unitB] = built.accommodationIds;
  const guest = { first_name: 'Ana', last_name: 'Lima', email: 'ana.lima@example.com', phone: '+55 11 91234 5678' };
  const abandoned = store.addBooking({
    status: 'abandoned',
    checkIn: '2026-02-10',
    checkOut: '2026-02-13',
    rooms: [{ accommodation: unitA! }],
    customer: guest,
  });
  const cancelled = store.addBooking({
    status: 'cancelled',
    checkIn: '2026-03-01',
    checkOut: '2026-03-04',
    rooms: [{ accommodation: unitB! }],
    customer: { ...guest, first_name: 'Rui' },
  });
  const trashed = store.addBooking({
    status: 'cancelled',
    checkIn: '2026-01-05',
    checkOut: '2026-01-06',
    rooms: [{ accommodation: unitA! }],
    customer: guest,
  });
  store.trashBooking(trashed.id);
  const nullUnit = store.bookings.get(built.sameCreatedBookingIds[0]!)!;

  const units = await db.query<{ id: string; motopress_id: string }>(
    `INSERT INTO hotels.accommodation_units (tenant_id, motopress_id, motopress_type_id, title, status, created_at, updated_at)
     SELECT $1, m, $2, 'Room ' || m, 'publish', $3, $3 FROM unnest($4::bigint[]) AS m
     RETURNING id::text, motopress_id::text`,
    [site.tenantId, typeId, LEGACY_STAMP, [VANISHED_UNIT, ...new Set([unitA!, unitB!])]],
  );
  const unitId = (motopressId: number) => units.rows.find((u) => Number(u.motopress_id) === motopressId)!.id;
  const reservation = (
    bookingId: number,
    status: string,
    stay: { checkIn: string; checkOut: string },
    guestName: string | null,
    email: string | null,
    phone: string | null,
    unit: number | null,
  ) => [bookingId, status, stay.checkIn, stay.checkOut, guestName, email, phone, unit === null ? null : unitId(unit)];
  const rows = [
    reservation(
      nullUnit.id,
      nullUnit.status,
      nullUnit,
      `${nullUnit.customer.first_name} ${nullUnit.customer.last_name}`,
      nullUnit.customer.email,
      nullUnit.customer.phone,
      null,
    ),
    reservation(
      abandoned.id,
      'pending',
      { ...abandoned, checkOut: '2026-02-12' },
      'Ana',
      'ANA.LIMA@EXAMPLE.COM',
      null,
      unitA!,
    ),
    reservation(cancelled.id, 'confirmed', cancelled, 'Rui Lima', guest.email, guest.phone, unitB!),
    reservation(trashed.id, 'confirmed', trashed, 'Ana Lima', guest.email, guest.phone, VANISHED_UNIT),
    reservation(VANISHED_BOOKING, 'confirmed', trashed, 'Old Guest', null, null, VANISHED_UNIT),
  ];
  const column = (i: number) => rows.map((r) => r[i] ?? null);
  // Ids are in every history: the junction rows are numbered in one order whatever join the
  // planner picks (its choice follows table sizes, which differ from case to case).
  await db.query(
    `WITH r AS (
       INSERT INTO guest_reservations (tenant_id, external_booking_id, status, check_in_date, check_out_date, guest_name, guest_email, guest_phone, accommodation_unit_id, created_at, updated_at)
       SELECT $1, t.b, t.s, t.ci, t.co, t.n, t.e, t.p, t.u, $2, $2
         FROM unnest($3::bigint[], $4::text[], $5::date[], $6::date[], $7::text[], $8::text[], $9::text[], $10::bigint[]) AS t(b, s, ci, co, n, e, p, u)
       RETURNING id, accommodation_unit_id, external_booking_id
     )
     INSERT INTO reservation_accommodations (reservation_id, accommodation_unit_id, motopress_accommodation_id, motopress_type_id, created_at)
     SELECT r.id, r.accommodation_unit_id, u.motopress_id, u.motopress_type_id, $2
       FROM r JOIN hotels.accommodation_units u ON u.id = r.accommodation_unit_id
      ORDER BY r.id`,
    [site.tenantId, LEGACY_STAMP, ...[0, 1, 2, 3, 4, 5, 6, 7].map(column)],
  );
}
