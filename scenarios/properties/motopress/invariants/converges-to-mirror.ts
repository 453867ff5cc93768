/**
 * converges-to-mirror (liveness, after heal): once faults stop and one more sync-all has run,
 * each tenant's tables are an exact mirror of its MotoPress site:
 *   - every unit MotoPress has is a row with its type, title (as a guest reads it on the site:
 *     the title the admin typed, texturized by WordPress) and status; every other unit row of
 *     the tenant says 'deleted';
 *   - the tenant's reservations are exactly the site's bookings (trash excluded), each with EVERY
 *     field the sync mirrors: status, stay, the guest's name, email and phone (blank -> NULL),
 *     its first reserved unit as its unit, and one junction row per reserved unit with the unit
 *     type MotoPress reports for it.
 * Expected values come from the fake's store (its own records, and the type it derives for a
 * reserved room), never from the sync's mapping code: a field the module maps wrongly shows.
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { HotelWorld } from '../hotel-world.ts';

export const convergesToMirror = defineInvariant<HotelWorld>({
  name: 'converges-to-mirror',
  kind: 'liveness',
  description: "after heal, each tenant's units, reservations and junction rows mirror its MotoPress site",
  async check({ db, world }) {
    const violations: Violation[] = [];
    const fail = (site: string, message: string, details?: Record<string, unknown>) =>
      violations.push({
        invariant: 'converges-to-mirror',
        message: `${site}: ${message}`,
        ...(details ? { details } : {}),
      });
    for (const site of world.sites) {
      const store = site.fake.store;
      const units = await db.query<{
        id: string;
        motopress_id: string;
        motopress_type_id: string | null;
        title: string;
        status: string;
      }>(
        'SELECT id::text, motopress_id::text, motopress_type_id::text, title, status FROM hotels.accommodation_units WHERE tenant_id = $1 ORDER BY motopress_id',
        [site.tenantId],
      );
      const unitByMotopressId = new Map(units.rows.map((u) => [Number(u.motopress_id), u]));
      const live = [...store.accommodations.values()].filter((a) => a.status !== 'trash');
      for (const a of live) {
        const row = unitByMotopressId.get(a.id);
        const want = {
          type: a.accommodationTypeId > 0 ? String(a.accommodationTypeId) : null,
          title: asGuestsReadIt(a.title),
          status: a.status,
        };
        if (!row) fail(site.name, `unit ${a.id} is missing`, { motopressId: a.id });
        else if (row.motopress_type_id !== want.type || row.title !== want.title || row.status !== want.status)
          fail(
            site.name,
            `unit ${a.id} is ${JSON.stringify([row.motopress_type_id, row.title, row.status])}, MotoPress has ${JSON.stringify([want.type, want.title, want.status])}`,
          );
      }
      const liveIds = new Set(live.map((a) => a.id));
      for (const row of units.rows)
        if (!liveIds.has(Number(row.motopress_id)) && row.status !== 'deleted')
          fail(site.name, `unit ${row.motopress_id} is gone from MotoPress but stored as '${row.status}'`);

      const reservations = await db.query<{
        external_booking_id: string;
        status: string;
        check_in: string;
        check_out: string;
        guest_name: string | null;
        guest_email: string | null;
        guest_phone: string | null;
        unit: string | null;
        rooms: string[];
      }>(
        `SELECT r.external_booking_id::text, r.status, r.check_in_date::text AS check_in, r.check_out_date::text AS check_out,
                r.guest_name, r.guest_email, r.guest_phone, u.motopress_id::text AS unit,
                coalesce(array_agg(j.motopress_accommodation_id::text || ':' || coalesce(j.motopress_type_id::text, '-') ORDER BY j.motopress_accommodation_id) FILTER (WHERE j.id IS NOT NULL), '{}') AS rooms
           FROM guest_reservations r LEFT JOIN hotels.accommodation_units u ON u.id = r.accommodation_unit_id
           LEFT JOIN reservation_accommodations j ON j.reservation_id = r.id
          WHERE r.tenant_id = $1 GROUP BY r.id, u.motopress_id ORDER BY r.external_booking_id`,
        [site.tenantId],
      );
      const stored = new Map(reservations.rows.map((r) => [Number(r.external_booking_id), r]));
      const bookings = [...store.bookings.values()].filter((b) => b.status !== 'trash');
      for (const b of bookings) {
        const row = stored.get(b.id);
        if (!row) {
          fail(site.name, `booking ${b.id} (${b.status}) is not stored`, { externalBookingId: b.id });
          continue;
        }
        // Reserved rooms in MotoPress' order; a unit id of 0 names no unit, a repeated one counts once.
        const rooms = [...b.rooms]
          .sort((x, y) => x.id - y.id)
          .filter(
            (r, i, all) => r.accommodation > 0 && all.findIndex((o) => o.accommodation === r.accommodation) === i,
          );
        const { first_name, last_name, email, phone } = b.customer;
        const want = {
          status: b.status,
          checkIn: b.checkIn,
          checkOut: b.checkOut,
          guestName: orNull(`${first_name.trim()} ${last_name.trim()}`),
          guestEmail: orNull(email),
          guestPhone: orNull(phone),
          unit: rooms[0] === undefined ? null : String(rooms[0].accommodation),
          rooms: rooms
            .map((r) => ({ id: r.accommodation, type: store.roomTypeOf(r) }))
            .sort((x, y) => x.id - y.id)
            .map((r) => `${r.id}:${r.type}`),
        };
        const got = {
          status: row.status,
          checkIn: row.check_in,
          checkOut: row.check_out,
          guestName: row.guest_name,
          guestEmail: row.guest_email,
          guestPhone: row.guest_phone,
          unit: row.unit,
          rooms: row.rooms,
        };
        if (JSON.stringify(got) !== JSON.stringify(want))
          fail(
            site.name,
            `booking ${b.id} is stored as ${JSON.stringify(got)}, MotoPress has ${JSON.stringify(want)}`,
            { externalBookingId: b.id },
          );
      }
      const bookingIds = new Set(bookings.map((b) => b.id));
      for (const id of stored.keys())
        if (!bookingIds.has(id))
          fail(site.name, `booking ${id} is stored but gone from MotoPress`, { externalBookingId: id });
    }
    return violations;
  },
});

/** Blank is no value; surrounding blanks are not part of one. */
const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * A title as a guest reads it on the site: WordPress texturizes ` - ` into an en dash and a
 * straight apostrophe into a curly one when it shows a title (the fake renders the same, as
 * entities; the sync decodes them). Written from WordPress' behaviour, not from the sync's decoder.
 */
const asGuestsReadIt = (typed: string): string => typed.replace(/ - /g, ' \u2013 ').replace(/'/g, '\u2019');
