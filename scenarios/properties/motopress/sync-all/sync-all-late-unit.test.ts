/**
 * Incident E: a unit created in MotoPress after step 1 is fetched on demand, so the booking on
 * it gets its unit and its junction row, never a NULL unit.
 * Each test states the rows it expects, so a wrong row fails here by value.
 */
import { describe, expect, it } from 'vitest';
import { type AccommodationRecord, type BookingRecord } from 'syncsim/fakes/motopress';
import { findNullUnitReservations } from '../../../../src/motopress/find-null-unit-reservations.ts';
import { INDO } from '../hotel-world.ts';
import {
  API,
  addSite,
  advance,
  book,
  db,
  hotel,
  junctionOf,
  recordingFetch,
  reservationsOf,
  snapshot,
  sync,
  unitsOf,
  useSyncAllHarness,
} from './sync-all-harness.ts';

useSyncAllHarness();

describe('a unit created in MotoPress after step 1 (the INDO race)', () => {
  it('is fetched on demand: the booking on it gets its unit and its junction row', async () => {
    const site = await addSite(INDO);
    const { type, units } = hotel(site.fake, ['Room 101']);
    const early = book(site.fake, [units[0]!]);
    let created: { unit: AccommodationRecord; booking: BookingRecord } | undefined;
    const seen: string[] = [];
    const adminActsBeforeBookings = (url: URL) => {
      if (url.pathname === `${API}/bookings` && !created) {
        advance(311);
        const unit = site.fake.store.addAccommodation({
          accommodationTypeId: type.id,
          title: "Owner's Suite - Annex 9",
          status: 'private',
        });
        created = {
          unit,
          booking: book(site.fake, [unit], {
            checkIn: '2025-12-20',
            checkOut: '2025-12-22',
            first: 'Indo',
            last: 'Guest',
          }),
        };
      }
      return undefined;
    };
    const report = await sync(site, { fetch: recordingFetch(seen, adminActsBeforeBookings) });
    const late = created!;
    expect([late.unit.id, late.booking.id]).toEqual([5, 6]);

    expect(report.accommodations).toMatchObject({ units: 1, created: 1 });
    expect(report.bookings).toEqual({
      listed: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      skipped: [],
      unitsFetchedOnDemand: [5],
      unitsRecordedAsDeleted: [],
    });
    expect(seen).toContain(`GET ${API}/accommodations/5`);
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'Room 101', status: 'publish' },
      { motopressId: 5, typeId: 1, title: 'Owner\u2019s Suite \u2013 Annex 9', status: 'private' },
    ]);
    expect(await reservationsOf(INDO.id)).toEqual([
      {
        booking: early.id,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Ana Lima',
        unit: 2,
        unitTenant: INDO.id,
      },
      {
        booking: 6,
        status: 'confirmed',
        checkIn: '2025-12-20',
        checkOut: '2025-12-22',
        guest: 'Indo Guest',
        unit: 5,
        unitTenant: INDO.id,
      },
    ]);
    expect(await junctionOf(INDO.id)).toEqual([
      { booking: early.id, accommodation: 2, type: 1, unit: 2, unitTenant: INDO.id },
      { booking: 6, accommodation: 5, type: 1, unit: 5, unitTenant: INDO.id },
    ]);
    expect((await findNullUnitReservations(db)).total).toBe(0);

    // The next run lists the unit in step 1 and changes nothing.
    const before = await snapshot();
    advance(60_000);
    const next = await sync(site);
    expect(next.accommodations).toMatchObject({ units: 2, created: 0, updated: 0, markedDeleted: 0 });
    expect(next.bookings).toMatchObject({ created: 0, updated: 0, unchanged: 2, unitsFetchedOnDemand: [] });
    expect(await snapshot()).toEqual(before);
  });
});
