/**
 * A cancelled booking stays with status cancelled; a trashed or hard-deleted one is removed
 * with its junction rows, and its units stay.
 * Each test states the rows it expects, so a wrong row fails here by value.
 */
import { describe, expect, it } from 'vitest';
import { type SyncProgress } from '../../../../src/motopress/sync-progress.ts';
import { INDO } from '../hotel-world.ts';
import {
  API,
  T0,
  addSite,
  advance,
  book,
  count,
  db,
  hotel,
  iso,
  junctionOf,
  recordingFetch,
  reservationsOf,
  sync,
  unitsOf,
  urlOf,
  useSyncAllHarness,
} from './sync-all-harness.ts';

useSyncAllHarness();

describe('cancelled, trashed and deleted bookings', () => {
  async function twoBookings() {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102', 'Room 103']);
    const single = book(site.fake, [units[0]!]);
    const multi = book(site.fake, [units[1]!, units[2]!], { first: 'Rui', last: 'Sousa' });
    const report = await sync(site);
    expect(report.bookings.created).toBe(2);
    expect(await count('reservation_accommodations')).toBe(3);
    const reservationId = async (bookingId: number) =>
      (
        await db.query<{ id: string }>(
          'SELECT id::text FROM guest_reservations WHERE tenant_id = $1 AND external_booking_id = $2',
          [INDO.id, bookingId],
        )
      ).rows[0]?.id;
    return { site, units, single, multi, reservationId };
  }

  it('a cancelled booking is kept with status cancelled, its junction rows too', async () => {
    const { site, single, multi } = await twoBookings();
    const { rows: createdBefore } = await db.query<{ created: string }>(
      `SELECT ${iso('created_at')} AS created FROM guest_reservations WHERE external_booking_id = $1`,
      [multi.id],
    );
    site.fake.store.cancelBooking(multi.id);
    advance(90_000);

    const report = await sync(site);
    expect(report.bookings).toMatchObject({ listed: 2, created: 0, updated: 1, unchanged: 1, deleted: 0 });
    expect((await reservationsOf(INDO.id)).map((r) => [r.booking, r.status, r.unit])).toEqual([
      [single.id, 'confirmed', 2],
      [multi.id, 'cancelled', 3],
    ]);
    const { rows } = await db.query<{ created: string; updated: string }>(
      `SELECT ${iso('created_at')} AS created, ${iso('updated_at')} AS updated FROM guest_reservations WHERE external_booking_id = $1`,
      [multi.id],
    );
    expect(rows[0]).toEqual({ created: createdBefore[0]!.created, updated: new Date(T0 + 90_000).toISOString() });
    expect((await junctionOf(INDO.id)).map((j) => [j.booking, j.accommodation])).toEqual([
      [single.id, 2],
      [multi.id, 3],
      [multi.id, 4],
    ]);
  });

  it('a trashed booking: reservation and junction rows removed, counted as deleted; units stay', async () => {
    const { site, single, multi, reservationId } = await twoBookings();
    const gone = (await reservationId(multi.id))!;
    site.fake.store.trashBooking(multi.id);
    advance(60_000);
    const seen: string[] = [];
    const events: SyncProgress[] = [];

    const report = await sync(site, { events, fetch: recordingFetch(seen) });
    expect(report.bookings).toEqual({
      listed: 1,
      created: 0,
      updated: 0,
      unchanged: 1,
      deleted: 1,
      skipped: [],
      unitsFetchedOnDemand: [],
      unitsRecordedAsDeleted: [],
    });
    expect(events.at(-1)!.message).toBe('Step 2/2 done: 1 bookings (0 new, 0 updated, 1 deleted, 0 skipped)');
    expect(seen).toContain(`GET ${API}/bookings/${multi.id}`);
    expect((await reservationsOf(INDO.id)).map((r) => r.booking)).toEqual([single.id]);
    expect(await count('reservation_accommodations WHERE reservation_id = $1', [gone])).toBe(0);
    expect((await junctionOf(INDO.id)).map((j) => [j.booking, j.accommodation])).toEqual([[single.id, 2]]);
    expect((await unitsOf(INDO.id)).map((u) => u.status)).toEqual(['publish', 'publish', 'publish']);
  });

  it('a booking the listing skipped (posts shifted between pages) but MotoPress still has is written like any other', async () => {
    const { site, single, multi } = await twoBookings();
    site.fake.store.cancelBooking(single.id);
    site.fake.store.cancelBooking(multi.id);
    advance(60_000);
    const seen: string[] = [];
    // Both left out of the listing, as a page boundary that moved mid-listing can do.
    const skipping: typeof globalThis.fetch = async (input, init) => {
      const answer = await recordingFetch(seen)(input, init);
      if (!urlOf(input).pathname.endsWith('/bookings')) return answer;
      const listed = (await answer.json()) as Array<{ id: number }>;
      const kept = listed.filter((b) => b.id !== single.id && b.id !== multi.id);
      return new Response(JSON.stringify(kept), { status: answer.status, headers: answer.headers });
    };

    const report = await sync(site, { fetch: skipping });
    expect(report.bookings).toMatchObject({ listed: 0, created: 0, updated: 2, unchanged: 0, deleted: 0 });
    expect(seen.filter((s) => /\/bookings\/\d+$/.test(s))).toEqual([
      `GET ${API}/bookings/${single.id}`,
      `GET ${API}/bookings/${multi.id}`,
    ]);
    expect((await reservationsOf(INDO.id)).map((r) => [r.booking, r.status])).toEqual([
      [single.id, 'cancelled'],
      [multi.id, 'cancelled'],
    ]);
    expect(await count('reservation_accommodations')).toBe(3);
  });

  it('a hard-deleted booking: reservation and junction rows removed, counted as deleted', async () => {
    const { site, single, multi, reservationId } = await twoBookings();
    const gone = (await reservationId(single.id))!;
    site.fake.store.deleteBooking(single.id);
    advance(60_000);

    const report = await sync(site);
    expect(report.bookings).toMatchObject({ listed: 1, created: 0, updated: 0, unchanged: 1, deleted: 1 });
    expect((await reservationsOf(INDO.id)).map((r) => r.booking)).toEqual([multi.id]);
    expect(await count('reservation_accommodations WHERE reservation_id = $1', [gone])).toBe(0);
    expect(await count('reservation_accommodations')).toBe(2);

    // Nothing left to delete: the next run deletes nothing.
    advance(60_000);
    const next = await sync(site);
    expect(next.bookings).toMatchObject({ listed: 1, unchanged: 1, deleted: 0 });
  });
});
