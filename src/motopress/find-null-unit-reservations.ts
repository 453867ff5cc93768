/**
 * The monitor the incident report asked for: reservations with a NULL unit, per tenant, with
 * what an operator needs to act on each - the tenant, the MotoPress booking id and a link to it
 * in wp-admin, the stay, the guest, when it was stored and how many junction rows it has (the
 * incident left 0). A booking that reserves no accommodation at all also has no unit; the
 * wp-admin link tells the two apart. The fix is one more sync-all of the tenant.
 */
import type { Queryable } from '../db/db.ts';

export interface NullUnitReservation {
  tenantId: string;
  tenantName: string;
  reservationId: string;
  externalBookingId: number;
  /** wp-admin edit link of the booking, when the tenant's site URL is known. */
  bookingAdminUrl: string | null;
  status: string;
  checkIn: string;
  checkOut: string;
  guestName: string | null;
  storedAt: string;
  junctionRows: number;
}

export interface NullUnitReport {
  total: number;
  byTenant: Array<{ tenantId: string; tenantName: string; count: number }>;
  reservations: NullUnitReservation[];
}

export async function findNullUnitReservations(db: Queryable, tenantId?: string): Promise<NullUnitReport> {
  const { rows } = await db.query<{
    tenant_id: string;
    tenant_name: string;
    base_url: string | null;
    reservation_id: string;
    external_booking_id: string;
    status: string;
    check_in: string;
    check_out: string;
    guest_name: string | null;
    stored_at: string;
    junction_rows: number;
  }>(
    `SELECT r.tenant_id::text, t.name AS tenant_name, t.motopress_base_url AS base_url, r.id::text AS reservation_id,
            r.external_booking_id::text, r.status, r.check_in_date::text AS check_in, r.check_out_date::text AS check_out,
            r.guest_name, r.created_at::text AS stored_at,
            (SELECT count(*)::int FROM reservation_accommodations j WHERE j.reservation_id = r.id) AS junction_rows
       FROM guest_reservations r JOIN tenants t ON t.id = r.tenant_id
      WHERE r.accommodation_unit_id IS NULL AND ($1::uuid IS NULL OR r.tenant_id = $1::uuid)
      ORDER BY t.name, r.external_booking_id`,
    [tenantId ?? null],
  );
  const reservations = rows.map((r) => ({
    tenantId: r.tenant_id,
    tenantName: r.tenant_name,
    reservationId: r.reservation_id,
    externalBookingId: Number(r.external_booking_id),
    bookingAdminUrl: r.base_url
      ? `${r.base_url.replace(/\/+$/, '')}/wp-admin/post.php?post=${r.external_booking_id}&action=edit`
      : null,
    status: r.status,
    checkIn: r.check_in,
    checkOut: r.check_out,
    guestName: r.guest_name,
    storedAt: r.stored_at,
    junctionRows: r.junction_rows,
  }));
  const byTenant = new Map<string, { tenantId: string; tenantName: string; count: number }>();
  for (const r of reservations) {
    const entry = byTenant.get(r.tenantId) ?? { tenantId: r.tenantId, tenantName: r.tenantName, count: 0 };
    entry.count++;
    byTenant.set(r.tenantId, entry);
  }
  return { total: reservations.length, byTenant: [...byTenant.values()], reservations };
}
