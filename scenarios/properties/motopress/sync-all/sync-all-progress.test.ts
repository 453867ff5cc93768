/**
 * syncAll reports its progress: both steps in order with their counts, each as a Server-Sent
 * Event frame, and a booking it cannot map as skipped while the others are stored.
 * Each test states the rows it expects, so a wrong row fails here by value.
 */
import { describe, expect, it } from 'vitest';
import { formatSse, type SyncProgress } from '../../../../src/motopress/sync-progress.ts';
import { INDO } from '../hotel-world.ts';
import { addSite, advance, book, hotel, reservationsOf, sync, unitsOf, useSyncAllHarness } from './sync-all-harness.ts';

useSyncAllHarness();

describe('progress events', () => {
  it('reports both steps, in order, with their counts', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    const a = book(site.fake, [units[0]!]);
    const b = book(site.fake, [units[1]!], { status: 'pending', first: 'Rui', last: 'Sousa' });
    expect([units[0]!.id, units[1]!.id, a.id, b.id]).toEqual([2, 3, 4, 6]);

    const events: SyncProgress[] = [];
    const report = await sync(site, { events });

    expect(events).toEqual([
      { step: 1, of: 2, phase: 'started', message: 'Step 1/2: syncing accommodations' },
      {
        step: 1,
        of: 2,
        phase: 'done',
        message: 'Step 1/2 done: 2 accommodations (2 new, 0 updated, 0 gone)',
        counts: { units: 2, created: 2, updated: 0, markedDeleted: 0 },
      },
      { step: 2, of: 2, phase: 'started', message: 'Step 2/2: syncing bookings' },
      { step: 2, of: 2, phase: 'progress', message: 'Step 2/2: 1/2 bookings', counts: { done: 1, total: 2 } },
      { step: 2, of: 2, phase: 'progress', message: 'Step 2/2: 2/2 bookings', counts: { done: 2, total: 2 } },
      {
        step: 2,
        of: 2,
        phase: 'done',
        message: 'Step 2/2 done: 2 bookings (2 new, 0 updated, 0 deleted, 0 skipped)',
        counts: { listed: 2, created: 2, updated: 0, unchanged: 0, deleted: 0, skipped: 0 },
      },
    ]);
    expect(report).toEqual({
      tenantId: INDO.id,
      accommodations: { types: 1, units: 2, created: 2, updated: 0, markedDeleted: 0, unknownTypeUnits: [] },
      bookings: {
        listed: 2,
        created: 2,
        updated: 0,
        unchanged: 0,
        deleted: 0,
        skipped: [],
        unitsFetchedOnDemand: [],
        unitsRecordedAsDeleted: [],
      },
    });
    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'Room 101', status: 'publish' },
      { motopressId: 3, typeId: 1, title: 'Room 102', status: 'publish' },
    ]);
    expect(await reservationsOf(INDO.id)).toEqual([
      {
        booking: 4,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Ana Lima',
        unit: 2,
        unitTenant: INDO.id,
      },
      {
        booking: 6,
        status: 'pending',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Rui Sousa',
        unit: 3,
        unitTenant: INDO.id,
      },
    ]);

    const again: SyncProgress[] = [];
    advance(1_000);
    await sync(site, { events: again });
    expect(again.map((e) => e.message)).toEqual([
      'Step 1/2: syncing accommodations',
      'Step 1/2 done: 2 accommodations (0 new, 0 updated, 0 gone)',
      'Step 2/2: syncing bookings',
      'Step 2/2: 1/2 bookings',
      'Step 2/2: 2/2 bookings',
      'Step 2/2 done: 2 bookings (0 new, 0 updated, 0 deleted, 0 skipped)',
    ]);
    expect(again.at(-1)!.counts).toEqual({ listed: 2, created: 0, updated: 0, unchanged: 2, deleted: 0, skipped: 0 });
  });

  it('formats one event as a Server-Sent Event frame', async () => {
    const site = await addSite(INDO);
    hotel(site.fake, ['Room 101']);
    const events: SyncProgress[] = [];
    await sync(site, { events });
    expect(formatSse(events[0]!)).toBe(
      'event: progress\ndata: {"step":1,"phase":"started","message":"Step 1/2: syncing accommodations","of":2}\n\n',
    );
    expect(formatSse(events[1]!)).toBe(
      'event: progress\ndata: {"step":1,"phase":"done","message":"Step 1/2 done: 1 accommodations (1 new, 0 updated, 0 gone)","counts":{"units":1,"created":1,"updated":0,"markedDeleted":0},"of":2}\n\n',
    );
    expect(formatSse({ step: 1, of: 2, phase: 'failed', message: 'Step 1/2 failed: x\ny' })).toBe(
      'event: error\ndata: {"step":1,"of":2,"phase":"failed","message":"Step 1/2 failed: x\\ny"}\n\n',
    );
  });

  it('reports a booking it cannot map as skipped, and stores the others', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102']);
    const good = book(site.fake, [units[0]!]);
    const bad = book(site.fake, [units[1]!]);
    // Only a broken database gives MotoPress a stay like this; the sync must not store it half-right.
    bad.checkOut = '2025-11-19';
    const events: SyncProgress[] = [];
    const report = await sync(site, { events });
    expect(report.bookings.skipped).toEqual([
      { bookingId: bad.id, reason: `booking ${bad.id}: check-out 2025-11-19 is before check-in 2025-11-20` },
    ]);
    expect(report.bookings).toMatchObject({ listed: 2, created: 1, updated: 0, unchanged: 0, deleted: 0 });
    expect(events.at(-1)!.message).toBe('Step 2/2 done: 2 bookings (1 new, 0 updated, 0 deleted, 1 skipped)');
    expect((await reservationsOf(INDO.id)).map((r) => r.booking)).toEqual([good.id]);
  });
});
