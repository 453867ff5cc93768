/**
 * A seeded hotel (one MotoPress site) with the awkward cases a sync meets in production (§4, §9,
 * §12.8 of the reference): types, units and rates; bookings in all six statuses with faker
 * guests; a multi-room booking with the same type twice; several bookings sharing one
 * `date_created`; iCal imports (an Airbnb block and a real Airbnb stay: confirmed, rate 0, empty
 * customer, total 0); a unit deleted after it was booked; a private unit ("Private: " title) and
 * a unit whose title comes back entity-encoded. Same seed and clock -> the same world.
 */
import { en, base, Faker } from '@faker-js/faker';
import { BOOKING_STATUSES, type BookingStatus, type CustomerRecord } from './motopress-records.ts';
import type { MotopressStore } from './motopress-store.ts';
import { addDays } from './wp-datetime.ts';

export interface MotopressWorldOptions {
  seed: number;
  /** Accommodation types (default 3..4, drawn). */
  types?: number;
  /** Bookings per status on top of the special cases (default 1..2, drawn). */
  bookingsPerStatus?: number;
}

export interface MotopressWorld {
  accommodationTypeIds: number[];
  /** Units that still exist. */
  accommodationIds: number[];
  rateIds: number[];
  bookingIdsByStatus: Record<BookingStatus, number[]>;
  importedBookingIds: number[];
  multiRoomBookingId: number;
  /** Bookings created at the same instant (same `date_created`). */
  sameCreatedBookingIds: number[];
  deletedUnitId: number;
  bookingWithDeletedUnitId: number;
  privateUnitId: number;
  entityTitleUnitId: number;
}

const TYPE_NAMES = [
  'Standard Double Room',
  'Deluxe King Room',
  'Family Suite',
  'Garden Bungalow',
  'Sea View Apartment',
  'Superior Twin Room',
];

// One Faker for every world, reseeded per world: constructing one (merging its locale data) cost
// ~1-3.6 ms, twice per properties-motopress case, while seed() starts its generator afresh, so
// a reseeded instance draws exactly what a new one would (the build is synchronous: no other
// world can draw in between).
const faker = new Faker({ locale: [en, base] });

export function buildMotopressWorld(store: MotopressStore, options: MotopressWorldOptions): MotopressWorld {
  faker.seed(options.seed);
  const now = store.now();
  const today = store.today();

  const typeCount = options.types ?? faker.number.int({ min: 3, max: 4 });
  const names = faker.helpers.shuffle([...TYPE_NAMES]).slice(0, Math.max(2, typeCount));
  names[names.length - 1] = `${names[names.length - 1]} & Terrace`;
  const types = names.map((title) =>
    store.addAccommodationType({
      title,
      description: `<p>${faker.lorem.sentence()}</p>`,
      adults: faker.number.int({ min: 1, max: 4 }),
      children: faker.number.int({ min: 0, max: 2 }),
      size: faker.number.int({ min: 14, max: 60 }),
      bedType: faker.helpers.arrayElement(['', 'King', 'Twin', 'Queen']),
    }),
  );
  const rates = types.map((t) =>
    store.addRate({
      accommodationTypeId: t.id,
      title: `${t.title} - Standard Rate`,
      basePrice: faker.number.int({ min: 60, max: 250 }),
    }),
  );
  const units = types.flatMap((t) =>
    Array.from({ length: faker.number.int({ min: 2, max: 3 }) }, (_, i) =>
      store.addAccommodation({ accommodationTypeId: t.id, title: `${t.title} ${i + 1}` }),
    ),
  );
  const privateUnit = store.updateAccommodation(units[0]!.id, { status: 'private' });
  const entityUnit = store.updateAccommodation(units[units.length - 1]!.id, {
    title: `Owner's Suite - Annex ${units.length}`,
  });

  // Each unit's next free night, so locking bookings never overlap.
  const cursor = new Map(units.map((u) => [u.id, addDays(today, faker.number.int({ min: 1, max: 5 }))]));
  const stay = (unitId: number) => {
    const checkIn = cursor.get(unitId)!;
    const checkOut = addDays(checkIn, faker.number.int({ min: 1, max: 5 }));
    cursor.set(unitId, addDays(checkOut, faker.number.int({ min: 0, max: 3 })));
    return { checkIn, checkOut };
  };
  // Booking timestamps spread over the past days, minute precision.
  let createdStep = 0;
  const createdAt = () => now - (60 - createdStep++) * faker.number.int({ min: 1, max: 120 }) * 60_000;
  const customer = (): CustomerRecord => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    return {
      first_name: first,
      last_name: last,
      email: faker.internet.email({ firstName: first, lastName: last }).toLowerCase(),
      phone: faker.phone.number({ style: 'international' }),
      country: faker.helpers.arrayElement(['GB', 'DE', 'FR', 'US', 'IT', 'ES', '']),
      state: '',
      city: faker.location.city(),
      zip: faker.location.zipCode(),
      address1: faker.location.streetAddress(),
    };
  };
  const bookable = units.filter((u) => u.id !== privateUnit.id);

  const bookingIdsByStatus = Object.fromEntries(BOOKING_STATUSES.map((s) => [s, [] as number[]])) as Record<
    BookingStatus,
    number[]
  >;
  const book = (status: BookingStatus, unitIds: number[], at = createdAt()) => {
    const dates = unitIds.length === 1 ? stay(unitIds[0]!) : sharedStay(unitIds);
    const booking = store.addBooking({
      status,
      ...dates,
      createdAt: at,
      customer: customer(),
      rooms: unitIds.map((accommodation) => ({ accommodation, guestName: faker.person.fullName() })),
      ...(faker.datatype.boolean({ probability: 0.2 }) ? { note: faker.lorem.sentence() } : {}),
    });
    bookingIdsByStatus[status].push(booking.id);
    if (status === 'confirmed' && faker.datatype.boolean({ probability: 0.7 }))
      store.addPayment(booking.id, { status: 'mphb-p-completed', amount: booking.totalPrice });
    if (status === 'pending-payment')
      store.addPayment(booking.id, { status: 'mphb-p-pending', amount: booking.totalPrice });
    return booking;
  };
  /** A stay free on every unit: start after the latest cursor. */
  const sharedStay = (unitIds: number[]) => {
    const checkIn = unitIds
      .map((id) => cursor.get(id)!)
      .sort()
      .at(-1)!;
    const checkOut = addDays(checkIn, faker.number.int({ min: 2, max: 4 }));
    for (const id of unitIds) cursor.set(id, addDays(checkOut, 1));
    return { checkIn, checkOut };
  };

  const perStatus = options.bookingsPerStatus;
  for (const status of BOOKING_STATUSES) {
    const count = perStatus ?? faker.number.int({ min: 1, max: 2 });
    for (let i = 0; i < count; i++) book(status, [faker.helpers.arrayElement(bookable).id]);
  }

  const typeWithTwo =
    types.find((t) => bookable.filter((u) => u.accommodationTypeId === t.id).length >= 2) ?? types[0]!;
  const pair = bookable
    .filter((u) => u.accommodationTypeId === typeWithTwo.id)
    .slice(0, 2)
    .map((u) => u.id);
  const multiRoom = book('confirmed', pair);

  const sameInstant = createdAt();
  const sameCreatedBookingIds = [0, 1, 2].map(
    () =>
      book(
        faker.helpers.arrayElement(['confirmed', 'pending'] as const),
        [faker.helpers.arrayElement(bookable).id],
        sameInstant,
      ).id,
  );

  const icalUnits = faker.helpers.shuffle([...bookable]).slice(0, 2);
  const importedBookingIds: number[] = [];
  for (const [i, unit] of icalUnits.entries()) {
    const dates = stay(unit.id);
    const code = faker.string.alphanumeric({ length: 10, casing: 'upper' });
    const imported = store.importIcalEvent(unit.id, {
      uid: `${faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' })}@airbnb.com`,
      ...dates,
      summary: i === 0 ? 'Airbnb (Not available)' : 'Reserved',
      description:
        i === 0
          ? ''
          : `Reservation URL: https://www.airbnb.com/hosting/reservations/details/HM${code}\nPhone Number (Last 4 Digits): ${faker.string.numeric(4)}`,
    });
    if (imported) {
      importedBookingIds.push(imported.id);
      bookingIdsByStatus.confirmed.push(imported.id);
    }
  }

  const annex = store.addAccommodation({ accommodationTypeId: types[0]!.id, title: `${types[0]!.title} Annex` });
  cursor.set(annex.id, addDays(today, 2));
  const orphaned = book('confirmed', [annex.id]);
  store.removeAccommodation(annex.id);

  return {
    accommodationTypeIds: types.map((t) => t.id),
    accommodationIds: units.map((u) => u.id),
    rateIds: rates.map((r) => r.id),
    bookingIdsByStatus,
    importedBookingIds,
    multiRoomBookingId: multiRoom.id,
    sameCreatedBookingIds,
    deletedUnitId: annex.id,
    bookingWithDeletedUnitId: orphaned.id,
    privateUnitId: privateUnit.id,
    entityTitleUnitId: entityUnit.id,
  };
}
