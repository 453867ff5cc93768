/**
 * Units MotoPress deleted or trashed keep their rows, recorded as deleted, and the bookings on
 * them keep pointing at them.
 * Each test states the rows it expects, so a wrong row fails here by value.
 */
import { describe, expect, it } from 'vitest';
import { INDO } from '../hotel-world.ts';
import {
  T0,
  addSite,
  advance,
  book,
  db,
  hotel,
  iso,
  junctionOf,
  reservationsOf,
  snapshot,
  sync,
  unitsOf,
  useSyncAllHarness,
} from './sync-all-harness.ts';

useSyncAllHarness();

describe('units deleted in MotoPress', () => {
  it('a booking on a hard-deleted unit points at a unit row recorded as deleted', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    const gone = units[0]!;
    const booking = book(site.fake, [gone]);
    site.fake.store.removeAccommodation(gone.id);

    const report = await sync(site);
    expect(report.accommodations).toMatchObject({ units: 1, created: 1, markedDeleted: 0 });
    expect(report.bookings).toMatchObject({
      listed: 1,
      created: 1,
      unitsFetchedOnDemand: [],
      unitsRecordedAsDeleted: [2],
    });
    // No rate: MotoPress reports accommodation_type 0, so the type is unknown (NULL).
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: null, title: 'Accommodation #2 (deleted in MotoPress)', status: 'deleted' },
      { motopressId: 3, typeId: 1, title: 'Room 102', status: 'publish' },
    ]);
    expect(await reservationsOf(INDO.id)).toEqual([
      {
        booking: booking.id,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Ana Lima',
        unit: 2,
        unitTenant: INDO.id,
      },
    ]);
    expect(await junctionOf(INDO.id)).toEqual([
      { booking: booking.id, accommodation: 2, type: 0, unit: 2, unitTenant: INDO.id },
    ]);

    const before = await snapshot();
    advance(60_000);
    const next = await sync(site);
    expect(next.bookings).toMatchObject({ created: 0, updated: 0, unchanged: 1, unitsRecordedAsDeleted: [] });
    expect(next.accommodations).toMatchObject({ created: 0, updated: 0, markedDeleted: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the type MotoPress derives from the booking's rate", async () => {
    const site = await addSite(INDO);
    const type = site.fake.store.addAccommodationType({ title: 'Deluxe' });
    site.fake.store.addRate({ accommodationTypeId: type.id, title: 'Standard', basePrice: 120 });
    const unit = site.fake.store.addAccommodation({ accommodationTypeId: type.id, title: 'Room 101' });
    book(site.fake, [unit]);
    site.fake.store.removeAccommodation(unit.id);

    const report = await sync(site);
    expect(report.bookings.unitsRecordedAsDeleted).toEqual([unit.id]);
    expect(await unitsOf(INDO.id)).toEqual([
      {
        motopressId: unit.id,
        typeId: type.id,
        title: `Accommodation #${unit.id} (deleted in MotoPress)`,
        status: 'deleted',
      },
    ]);
    expect((await junctionOf(INDO.id)).map((j) => j.type)).toEqual([type.id]);
  });

  it('a trashed unit (still answers a GET) is recorded as deleted too', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101']);
    const booking = book(site.fake, [units[0]!]);
    site.fake.store.trashAccommodation(units[0]!.id);

    const report = await sync(site);
    expect(report.accommodations.units).toBe(0);
    expect(report.bookings.unitsRecordedAsDeleted).toEqual([2]);
    expect(report.bookings.unitsFetchedOnDemand).toEqual([]);
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'Accommodation #2 (deleted in MotoPress)', status: 'deleted' },
    ]);
    expect((await reservationsOf(INDO.id)).map((r) => [r.booking, r.unit])).toEqual([[booking.id, 2]]);
  });

  it('a unit synced before it was deleted keeps its row and title, now deleted; the reservation keeps pointing at it', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    book(site.fake, [units[0]!]);
    await sync(site);
    const rowId = async () =>
      (
        await db.query<{ id: string }>(
          'SELECT accommodation_unit_id::text AS id FROM guest_reservations WHERE tenant_id = $1',
          [INDO.id],
        )
      ).rows[0]!.id;
    const unitRowBefore = await rowId();

    site.fake.store.removeAccommodation(units[0]!.id);
    advance(60_000);
    const report = await sync(site);
    expect(report.accommodations).toMatchObject({ units: 1, created: 0, updated: 0, markedDeleted: 1 });
    // MotoPress derives a reserved room's type from the unit: with the unit (and no rate) gone it
    // reports 0, so the junction row follows (the reservation row itself is unchanged).
    expect(report.bookings).toMatchObject({
      updated: 1,
      unchanged: 0,
      unitsRecordedAsDeleted: [],
      unitsFetchedOnDemand: [],
    });
    expect((await junctionOf(INDO.id)).map((j) => [j.accommodation, j.type, j.unit])).toEqual([[2, 0, 2]]);
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'Room 101', status: 'deleted' },
      { motopressId: 3, typeId: 1, title: 'Room 102', status: 'publish' },
    ]);
    expect(await rowId()).toBe(unitRowBefore);
    const { rows: kept } = await db.query<{ updated: string }>(
      `SELECT ${iso('updated_at')} AS updated FROM guest_reservations WHERE tenant_id = $1`,
      [INDO.id],
    );
    expect(kept[0]!.updated).toBe(new Date(T0).toISOString());
    const { rows } = await db.query<{ updated: string }>(
      `SELECT ${iso('updated_at')} AS updated FROM hotels.accommodation_units WHERE tenant_id = $1 AND motopress_id = 2`,
      [INDO.id],
    );
    expect(rows[0]!.updated).toBe(new Date(T0 + 60_000).toISOString());

    const before = await snapshot();
    advance(60_000);
    expect((await sync(site)).accommodations.markedDeleted).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});
