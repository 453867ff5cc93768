/**
 * A booking of several rooms: one junction row per unit, and the first reserved room as the
 * reservation's unit.
 * Each test states the rows it expects, so a wrong row fails here by value.
 */
import { describe, expect, it } from 'vitest';
import { INDO } from '../hotel-world.ts';
import {
  addSite,
  advance,
  book,
  hotel,
  junctionOf,
  reservationsOf,
  sync,
  useSyncAllHarness,
} from './sync-all-harness.ts';

useSyncAllHarness();

describe('a multi-room booking', () => {
  it('has one junction row per unit, and the FIRST reserved room as the reservation unit', async () => {
    const site = await addSite(INDO);
    const { units } = hotel(site.fake, ['Room 101', 'Room 102', 'Room 103']);
    // Reserved in the order 103, 101: the first room is not the lowest id.
    const booking = book(site.fake, [units[2]!, units[0]!]);
    expect([units[0]!.id, units[2]!.id]).toEqual([2, 4]);

    await sync(site);
    expect(await reservationsOf(INDO.id)).toEqual([
      {
        booking: booking.id,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Ana Lima',
        unit: 4,
        unitTenant: INDO.id,
      },
    ]);
    expect(await junctionOf(INDO.id)).toEqual([
      { booking: booking.id, accommodation: 4, type: 1, unit: 4, unitTenant: INDO.id },
      { booking: booking.id, accommodation: 2, type: 1, unit: 2, unitTenant: INDO.id },
    ]);

    // The admin removes a room from the booking: its junction row goes, the other stays.
    booking.rooms.splice(1, 1);
    advance(60_000);
    const report = await sync(site);
    expect(report.bookings).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect((await junctionOf(INDO.id)).map((j) => j.accommodation)).toEqual([4]);
  });
});
