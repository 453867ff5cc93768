/**
 * Simmer Down (tenant b13c8fae-..., incidents.md E): 101 bookings, the first 4 of them on units
 * created in MotoPress after the hotel's last accommodation `sync` - the same race as INDO's
 * 2432, hit four times (in production those four were recovered by hand). Timeline: 8 units
 * synced, 4 more units created, then the 101 bookings, the first 4 on the 4 new units.
 */
import type { Queryable } from '../../../src/db/db.ts';
import type { WorldContext } from 'syncsim';
import { addHotel, SIMMER_DOWN, type HotelSite } from '../../properties/motopress/hotel-world.ts';

export const SIMMER_DOWN_BOOKINGS = 101;
export const RACING = 4;
/** Post ids: 3 types (300-302), 8 synced units, 4 new units, then each booking and its room. */
export const RACING_BOOKING_IDS = [315, 317, 319, 321];

const addDays = (ymd: string, days: number) =>
  new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface SimmerDownSite extends HotelSite {
  /** The first 4 bookings, on the units our table does not know yet. */
  racingBookingIds: number[];
}

export async function buildSimmerDown(
  ctx: Pick<WorldContext<unknown>, 'db' | 'clock' | 'http'>,
): Promise<SimmerDownSite> {
  const site = await addHotel(ctx, SIMMER_DOWN, 300);
  const store = site.fake.store;
  const types = ['Garden Bungalow', 'Ocean Front Villa', 'Surf Shack'].map((title) =>
    store.addAccommodationType({ title }),
  );
  const synced = Array.from({ length: 8 }, (_, i) =>
    store.addAccommodation({
      accommodationTypeId: types[i % 3]!.id,
      title: `${types[i % 3]!.title} ${Math.floor(i / 3) + 1}`,
    }),
  );
  for (const unit of synced)
    await copyUnit(ctx.db, site.tenantId, unit.id, unit.accommodationTypeId, unit.title, ctx.clock.now());
  const fresh = Array.from({ length: RACING }, (_, i) =>
    store.addAccommodation({ accommodationTypeId: types[i % 3]!.id, title: `${types[i % 3]!.title} New ${i + 1}` }),
  );
  const units = [...fresh, ...synced];
  const racingBookingIds: number[] = [];
  for (let i = 0; i < SIMMER_DOWN_BOOKINGS; i++) {
    // Booking i takes unit i mod 12; each unit's stays follow one another week by week.
    const unit = units[i % units.length]!;
    const checkIn = addDays('2025-11-22', Math.floor(i / units.length) * 7);
    const booking = store.addBooking({
      status: i % 17 === 16 ? 'cancelled' : 'confirmed',
      checkIn,
      checkOut: addDays(checkIn, 5),
      rooms: [{ accommodation: unit.id }],
      customer: { first_name: `Surfer${i + 1}`, last_name: 'Simmer', email: `surfer${i + 1}@simmerdown.example` },
    });
    if (i < RACING) racingBookingIds.push(booking.id);
  }
  if (JSON.stringify(racingBookingIds) !== JSON.stringify(RACING_BOOKING_IDS))
    throw new Error(`Simmer Down world drifted: racing bookings ${racingBookingIds.join(', ')}`);
  return { ...site, racingBookingIds };
}

async function copyUnit(
  db: Queryable,
  tenantId: string,
  motopressId: number,
  typeId: number,
  title: string,
  nowMs: number,
): Promise<void> {
  await db.query(
    "INSERT INTO hotels.accommodation_units (tenant_id, motopress_id, motopress_type_id, title, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 'publish', $5, $5)",
    [tenantId, motopressId, typeId, title, new Date(nowMs - 86_400_000).toISOString()],
  );
}
