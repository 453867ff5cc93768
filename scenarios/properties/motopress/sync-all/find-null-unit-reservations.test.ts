/**
 * findNullUnitReservations, the monitor: each NULL-unit reservation with its tenant, wp-admin
 * link, stay, guest and junction row count, filtered by tenant, and nothing once sync-all ran.
 * Each test states the rows it expects, so a wrong row fails here by value.
 */
import { describe, expect, it } from 'vitest';
import { findNullUnitReservations } from '../../../../src/motopress/find-null-unit-reservations.ts';
import { INDO, SIMMER_DOWN } from '../hotel-world.ts';
import { addSite, book, db, engine, hotel, insertTenant, sync, useSyncAllHarness } from './sync-all-harness.ts';

useSyncAllHarness();

describe('findNullUnitReservations', () => {
  const ZED = { id: '0f3c1d2e-5a6b-4c7d-8e9f-a0b1c2d3e4f5', name: 'Zed Hostel' };

  async function insertNullUnit(
    tenantId: string,
    bookingId: number,
    fields: { guest?: string | null; createdAt?: string; status?: string } = {},
  ): Promise<string> {
    const { rows } = await engine.admin.query<{ id: string }>(
      `INSERT INTO guest_reservations (tenant_id, external_booking_id, status, check_in_date, check_out_date, guest_name, guest_email, guest_phone, accommodation_unit_id, created_at, updated_at)
       VALUES ($1, $2, $3, '2025-11-20', '2025-11-23', $4, NULL, NULL, NULL, $5, $5) RETURNING id::text`,
      [
        tenantId,
        bookingId,
        fields.status ?? 'confirmed',
        fields.guest === undefined ? 'Ana Lima' : fields.guest,
        fields.createdAt ?? '2025-11-19T22:19:09.984Z',
      ],
    );
    return rows[0]!.id;
  }

  async function storedAt(reservationId: string): Promise<string> {
    const { rows } = await db.query<{ at: string }>(
      'SELECT created_at::text AS at FROM guest_reservations WHERE id = $1',
      [reservationId],
    );
    return rows[0]!.at;
  }

  it('lists each NULL-unit reservation with its tenant, wp-admin link and junction count', async () => {
    const indo = await addSite(INDO);
    const { units } = hotel(indo.fake, ['Room 101']);
    book(indo.fake, [units[0]!]);
    await sync(indo);
    const indoNull = await insertNullUnit(INDO.id, 2432);
    // A trailing slash on the site URL must not double the slash of the link.
    await insertTenant(SIMMER_DOWN.id, SIMMER_DOWN.name, `${SIMMER_DOWN.siteUrl}/`);
    const simmerLate = await insertNullUnit(SIMMER_DOWN.id, 15, { guest: null, status: 'pending' });
    const simmerEarly = await insertNullUnit(SIMMER_DOWN.id, 9, { createdAt: '2025-11-18T10:00:00.000Z' });
    // Half-recovered: the junction row was written but the reservation still has no unit.
    await insertTenant(ZED.id, ZED.name, null);
    const zedUnit = (
      await engine.admin.query<{ id: string }>(
        `INSERT INTO hotels.accommodation_units (tenant_id, motopress_id, motopress_type_id, title, status) VALUES ($1, 7, NULL, 'Dorm', 'publish') RETURNING id::text`,
        [ZED.id],
      )
    ).rows[0]!.id;
    const zedNull = await insertNullUnit(ZED.id, 31);
    await engine.admin.query(
      'INSERT INTO reservation_accommodations (reservation_id, accommodation_unit_id, motopress_accommodation_id, motopress_type_id) VALUES ($1, $2, 7, 0)',
      [zedNull, zedUnit],
    );

    const report = await findNullUnitReservations(db);
    expect(report.total).toBe(4);
    expect(report.byTenant).toEqual([
      { tenantId: INDO.id, tenantName: 'INDO', count: 1 },
      { tenantId: SIMMER_DOWN.id, tenantName: 'Simmer Down', count: 2 },
      { tenantId: ZED.id, tenantName: 'Zed Hostel', count: 1 },
    ]);
    expect(report.reservations).toEqual([
      {
        tenantId: INDO.id,
        tenantName: 'INDO',
        reservationId: indoNull,
        externalBookingId: 2432,
        bookingAdminUrl: 'https://indo.hotel.fake/wp-admin/post.php?post=2432&action=edit',
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guestName: 'Ana Lima',
        storedAt: await storedAt(indoNull),
        junctionRows: 0,
      },
      {
        tenantId: SIMMER_DOWN.id,
        tenantName: 'Simmer Down',
        reservationId: simmerEarly,
        externalBookingId: 9,
        bookingAdminUrl: 'https://simmerdown.hotel.fake/wp-admin/post.php?post=9&action=edit',
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guestName: 'Ana Lima',
        storedAt: await storedAt(simmerEarly),
        junctionRows: 0,
      },
      {
        tenantId: SIMMER_DOWN.id,
        tenantName: 'Simmer Down',
        reservationId: simmerLate,
        externalBookingId: 15,
        bookingAdminUrl: 'https://simmerdown.hotel.fake/wp-admin/post.php?post=15&action=edit',
        status: 'pending',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guestName: null,
        storedAt: await storedAt(simmerLate),
        junctionRows: 0,
      },
      {
        tenantId: ZED.id,
        tenantName: 'Zed Hostel',
        reservationId: zedNull,
        externalBookingId: 31,
        bookingAdminUrl: null,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guestName: 'Ana Lima',
        storedAt: await storedAt(zedNull),
        junctionRows: 1,
      },
    ]);
    // storedAt is the row's created_at: the INDO one is the incident's instant.
    const { rows } = await db.query<{ same: boolean }>(
      `SELECT $1::timestamptz = '2025-11-19T22:19:09.984Z'::timestamptz AS same`,
      [report.reservations[0]!.storedAt],
    );
    expect(rows[0]!.same).toBe(true);
  });

  it('filters by tenant, and reports nothing once sync-all has run on a clean table', async () => {
    const indo = await addSite(INDO);
    const { units } = hotel(indo.fake, ['Room 101']);
    book(indo.fake, [units[0]!]);
    await insertTenant(SIMMER_DOWN.id, SIMMER_DOWN.name, SIMMER_DOWN.siteUrl);
    await insertNullUnit(SIMMER_DOWN.id, 9);

    await sync(indo);
    expect(await findNullUnitReservations(db, INDO.id)).toEqual({ total: 0, byTenant: [], reservations: [] });
    const simmer = await findNullUnitReservations(db, SIMMER_DOWN.id);
    expect(simmer.total).toBe(1);
    expect(simmer.byTenant).toEqual([{ tenantId: SIMMER_DOWN.id, tenantName: 'Simmer Down', count: 1 }]);
    expect(simmer.reservations.map((r) => [r.externalBookingId, r.bookingAdminUrl, r.junctionRows])).toEqual([
      [9, 'https://simmerdown.hotel.fake/wp-admin/post.php?post=9&action=edit', 0],
    ]);
    expect((await findNullUnitReservations(db)).total).toBe(1);
  });
});
