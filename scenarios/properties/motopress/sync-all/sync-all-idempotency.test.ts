/**
 * A second sync-all over an unchanged MotoPress writes nothing: 0 created, 0 updated, no byte
 * changed, even hours later.
 * Each test states the rows it expects, so a wrong row fails here by value.
 */
import { describe, expect, it } from 'vitest';
import { type SyncProgress } from '../../../../src/motopress/sync-progress.ts';
import { INDO } from '../hotel-world.ts';
import { addSite, advance, book, hotel, snapshot, sync, unitsOf, useSyncAllHarness } from './sync-all-harness.ts';

useSyncAllHarness();

describe('idempotency', () => {
  it('a second sync-all with MotoPress unchanged reports 0 created / 0 updated and changes no byte, even hours later', async () => {
    const site = await addSite(INDO);
    const store = site.fake.store;
    const deluxe = store.addAccommodationType({ title: 'Deluxe' });
    const villa = store.addAccommodationType({ title: 'Villa & Garden' });
    store.addRate({ accommodationTypeId: villa.id, title: 'Villa rate', basePrice: 300 });
    const r101 = store.addAccommodation({ accommodationTypeId: deluxe.id, title: 'Room 101' });
    const suite = store.addAccommodation({
      accommodationTypeId: deluxe.id,
      title: "Owner's Suite - Annex 9",
      status: 'private',
    });
    const v1 = store.addAccommodation({ accommodationTypeId: villa.id, title: 'Villa 1 & Pool' });
    const v2 = store.addAccommodation({ accommodationTypeId: villa.id, title: 'Villa 2' });
    book(site.fake, [r101]);
    book(site.fake, [suite, v1], { checkIn: '2025-12-01', checkOut: '2025-12-04', first: ' Rui ', last: '' });
    const cancelled = book(site.fake, [r101], { checkIn: '2025-12-10', checkOut: '2025-12-12' });
    store.cancelBooking(cancelled.id);
    book(site.fake, [v2], {
      status: 'pending-payment',
      checkIn: '2026-01-02',
      checkOut: '2026-01-05',
      first: '',
      last: '',
    });
    store.removeAccommodation(v2.id);

    const first = await sync(site);
    expect(first.accommodations).toEqual({
      types: 2,
      units: 3,
      created: 3,
      updated: 0,
      markedDeleted: 0,
      unknownTypeUnits: [],
    });
    expect(first.bookings).toEqual({
      listed: 4,
      created: 4,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      skipped: [],
      unitsFetchedOnDemand: [],
      unitsRecordedAsDeleted: [v2.id],
    });
    const before = await snapshot();
    expect(before.filter((line) => line.endsWith(': 0'))).toEqual([]);

    for (const later of [1, 3_600_000, 86_400_000]) {
      advance(later);
      const events: SyncProgress[] = [];
      const again = await sync(site, { events });
      expect(again.accommodations).toEqual({
        types: 2,
        units: 3,
        created: 0,
        updated: 0,
        markedDeleted: 0,
        unknownTypeUnits: [],
      });
      expect(again.bookings).toEqual({
        listed: 4,
        created: 0,
        updated: 0,
        unchanged: 4,
        deleted: 0,
        skipped: [],
        unitsFetchedOnDemand: [],
        unitsRecordedAsDeleted: [],
      });
      expect(events.at(-1)!.message).toBe('Step 2/2 done: 4 bookings (0 new, 0 updated, 0 deleted, 0 skipped)');
      expect(await snapshot()).toEqual(before);
    }
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: r101.id, typeId: deluxe.id, title: 'Room 101', status: 'publish' },
      { motopressId: suite.id, typeId: deluxe.id, title: 'Owner\u2019s Suite \u2013 Annex 9', status: 'private' },
      { motopressId: v1.id, typeId: villa.id, title: 'Villa 1 & Pool', status: 'publish' },
      {
        motopressId: v2.id,
        typeId: villa.id,
        title: `Accommodation #${v2.id} (deleted in MotoPress)`,
        status: 'deleted',
      },
    ]);
  });

  // Regression: "updated" was once decided by `updated_at = now`, so an unchanged booking whose
  // row was written at the very instant of this sync was counted as updated.
  it('a second sync-all at the same clock reading also reports 0 updated', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    book(site.fake, [units[0]!]);
    book(site.fake, [units[1]!]);
    await sync(site);
    const before = await snapshot();

    const again = await sync(site);
    expect(await snapshot()).toEqual(before);
    expect(again.bookings).toMatchObject({ listed: 2, created: 0, updated: 0, unchanged: 2 });
  });

  // Regression: a unit outside the listed statuses (a draft) was fetched on demand with its real
  // status, then the next step 1 did not list it and marked it 'deleted'.
  it('a booking on a draft unit: the second run changes no row and the unit stays a draft', async () => {
    const site = await addSite(INDO);
    const { type } = hotel(site.fake, ['Room 101']);
    const draft = site.fake.store.addAccommodation({
      accommodationTypeId: type.id,
      title: 'Room 102',
      status: 'draft',
    });
    book(site.fake, [draft]);

    const first = await sync(site);
    expect(first.bookings.unitsFetchedOnDemand).toEqual([draft.id]);
    expect((await unitsOf(INDO.id)).find((u) => u.motopressId === draft.id)?.status).toBe('draft');
    const before = await snapshot();

    advance(60_000);
    const second = await sync(site);
    expect(second.accommodations.markedDeleted).toBe(0);
    expect((await unitsOf(INDO.id)).find((u) => u.motopressId === draft.id)?.status).toBe('draft');
    expect(await snapshot()).toEqual(before);
  });
});
