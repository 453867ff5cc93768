/**
 * INDO's hotel as it stood on 2025-11-19 (incidents.md E): tenant 76785d81-..., a MotoPress
 * site whose post ids run up to booking 2432, whose unit (2431) was created in MotoPress after
 * INDO's last accommodation `sync`. Our tables hold the three older units and no reservations
 * yet. Ids are the WordPress post sequence: types, units, then each booking followed by its
 * reserved-room post.
 */
import type { MotopressStore } from 'syncsim/fakes/motopress';
import type { Queryable } from '../../../src/db/db.ts';
import { addHotel, INDO, type HotelSite } from '../../properties/motopress/hotel-world.ts';
import type { WorldContext } from 'syncsim';

export const INCIDENT_BOOKING = 2432;
export const INCIDENT_UNIT = 2431;
const FIRST_ID = 2400;
const OLD_BOOKINGS = 13;

const addDays = (ymd: string, days: number) =>
  new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function buildIndo(ctx: Pick<WorldContext<unknown>, 'db' | 'clock' | 'http'>): Promise<HotelSite> {
  const site = await addHotel(ctx, INDO, FIRST_ID);
  const store = site.fake.store;
  const standard = store.addAccommodationType({ title: 'Standard Double Room' });
  const deluxe = store.addAccommodationType({ title: 'Deluxe King Room' });
  const units = [
    store.addAccommodation({ accommodationTypeId: standard.id, title: 'Standard Double Room 1' }),
    store.addAccommodation({ accommodationTypeId: standard.id, title: 'Standard Double Room 2' }),
    store.addAccommodation({ accommodationTypeId: deluxe.id, title: 'Deluxe King Room 1' }),
  ];
  for (const unit of units) await copyUnit(ctx.db, site.tenantId, store, unit.id, ctx.clock.now());
  for (let i = 0; i < OLD_BOOKINGS; i++) {
    const unit = units[i % units.length]!;
    const checkIn = addDays('2025-11-20', Math.floor(i / units.length) * 4);
    store.addBooking({
      status: i % 5 === 4 ? 'cancelled' : 'confirmed',
      checkIn,
      checkOut: addDays(checkIn, 3),
      rooms: [{ accommodation: unit.id }],
      customer: { first_name: `Guest${i + 1}`, last_name: 'Indo', email: `guest${i + 1}@indo.example` },
    });
  }
  // The report's pair: a new Deluxe unit, then booking 2432 on it.
  const fresh = store.addAccommodation({ accommodationTypeId: deluxe.id, title: 'Deluxe King Room 2' });
  const booking = store.addBooking({
    status: 'confirmed',
    checkIn: '2025-11-21',
    checkOut: '2025-11-24',
    rooms: [{ accommodation: fresh.id }],
    customer: { first_name: 'Made', last_name: 'Wirawan', email: 'made@indo.example' },
  });
  if (fresh.id !== INCIDENT_UNIT || booking.id !== INCIDENT_BOOKING)
    throw new Error(`INDO world drifted: unit ${fresh.id}, booking ${booking.id}`);
  return site;
}

/** A unit as INDO's earlier `sync` stored it. */
async function copyUnit(
  db: Queryable,
  tenantId: string,
  store: MotopressStore,
  unitId: number,
  nowMs: number,
): Promise<void> {
  const unit = store.accommodations.get(unitId)!;
  await db.query(
    'INSERT INTO hotels.accommodation_units (tenant_id, motopress_id, motopress_type_id, title, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)',
    [tenantId, unit.id, unit.accommodationTypeId, unit.title, unit.status, new Date(nowMs - 86_400_000).toISOString()],
  );
}
