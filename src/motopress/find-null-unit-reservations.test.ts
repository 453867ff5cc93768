import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/db.ts';
import { findNullUnitReservations } from './find-null-unit-reservations.ts';

const row = (tenant: string, name: string, bookingId: string, baseUrl: string | null) => ({
  tenant_id: tenant,
  tenant_name: name,
  base_url: baseUrl,
  reservation_id: `r${bookingId}`,
  external_booking_id: bookingId,
  status: 'confirmed',
  check_in: '2025-12-01',
  check_out: '2025-12-03',
  guest_name: 'Ann Lee',
  stored_at: '2025-11-19 22:19:00+00',
  junction_rows: 0,
});

function answering(rows: unknown[]) {
  const sent: Array<readonly unknown[] | undefined> = [];
  const db: Queryable = {
    query: <R>(_text: string, params?: readonly unknown[]) => {
      sent.push(params);
      return Promise.resolve({ rows: rows as R[], rowCount: rows.length });
    },
  };
  return { db, sent };
}

describe('findNullUnitReservations', () => {
  it('reports each reservation with its wp-admin link, and counts them per tenant in row order', async () => {
    const { db, sent } = answering([
      row('t1', 'Hotel A', '2432', 'https://a.fake//'),
      row('t1', 'Hotel A', '2433', 'https://a.fake'),
      row('t2', 'Hotel B', '7', null),
    ]);
    const report = await findNullUnitReservations(db);
    expect(sent).toEqual([[null]]);
    expect(report.total).toBe(3);
    expect(report.byTenant).toEqual([
      { tenantId: 't1', tenantName: 'Hotel A', count: 2 },
      { tenantId: 't2', tenantName: 'Hotel B', count: 1 },
    ]);
    expect(report.reservations[0]).toEqual({
      tenantId: 't1',
      tenantName: 'Hotel A',
      reservationId: 'r2432',
      externalBookingId: 2432,
      bookingAdminUrl: 'https://a.fake/wp-admin/post.php?post=2432&action=edit',
      status: 'confirmed',
      checkIn: '2025-12-01',
      checkOut: '2025-12-03',
      guestName: 'Ann Lee',
      storedAt: '2025-11-19 22:19:00+00',
      junctionRows: 0,
    });
    expect(report.reservations.map((r) => r.bookingAdminUrl)).toEqual([
      'https://a.fake/wp-admin/post.php?post=2432&action=edit',
      'https://a.fake/wp-admin/post.php?post=2433&action=edit',
      null,
    ]);
  });

  it('passes the tenant filter on, and reports nothing when there is nothing', async () => {
    const { db, sent } = answering([]);
    expect(await findNullUnitReservations(db, 'tenant-a')).toEqual({ total: 0, byTenant: [], reservations: [] });
    expect(sent).toEqual([['tenant-a']]);
  });
});
