/**
 * tenant-isolation (safety): a reservation, and each of its junction rows, points only at units
 * of its own tenant. Two hotels' WordPress sites number their posts independently, so the same
 * MotoPress unit id exists in both; a lookup that forgets the tenant picks the other hotel's
 * room (a reservation of INDO must never point at a unit of Simmer Down).
 */
import { defineInvariant } from 'syncsim';
import type { HotelWorld } from '../hotel-world.ts';

export const tenantIsolation = defineInvariant<HotelWorld>({
  name: 'tenant-isolation',
  kind: 'safety',
  description: "reservations and junction rows point only at their own tenant's units",
  async check({ db }) {
    const { rows } = await db.query<{
      tenant_id: string;
      external_booking_id: string;
      via: string;
      unit_tenant: string;
      motopress_id: string;
    }>(
      `SELECT r.tenant_id::text, r.external_booking_id::text, 'reservation' AS via, u.tenant_id::text AS unit_tenant, u.motopress_id::text
         FROM guest_reservations r JOIN hotels.accommodation_units u ON u.id = r.accommodation_unit_id WHERE u.tenant_id <> r.tenant_id
       UNION ALL
       SELECT r.tenant_id::text, r.external_booking_id::text, 'junction', u.tenant_id::text, u.motopress_id::text
         FROM reservation_accommodations j JOIN guest_reservations r ON r.id = j.reservation_id JOIN hotels.accommodation_units u ON u.id = j.accommodation_unit_id
        WHERE u.tenant_id <> r.tenant_id
       ORDER BY 1, 2, 3`,
    );
    return rows.map((r) => ({
      invariant: 'tenant-isolation',
      message: `booking ${r.external_booking_id} of tenant ${r.tenant_id} points (${r.via}) at unit ${r.motopress_id} of tenant ${r.unit_tenant}`,
      details: r,
    }));
  },
});
