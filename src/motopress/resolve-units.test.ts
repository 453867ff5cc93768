import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/db.ts';
import type { MappedBooking } from './map-booking.ts';
import type { MotopressSource } from './motopress-source.ts';
import type { MotopressAccommodation } from './motopress-types.ts';
import { unitResolver } from './resolve-units.ts';

/**
 * A unit table in memory behind the two statements the resolver sends: the lookup function and
 * upsertUnits' statement (answered as "created", or with no row when `hideWrites` plays a
 * concurrent sync whose insert this statement's snapshot cannot see).
 */
function unitTable(stored: Record<number, string>, options: { hideWrites?: boolean; lose?: boolean } = {}) {
  const rows = new Map(Object.entries(stored).map(([k, v]) => [Number(k), v]));
  const written: unknown[][] = [];
  const db: Queryable = {
    query: <R>(text: string, params: readonly unknown[] = []) => {
      if (text.includes('get_accommodation_unit_by_motopress_id')) {
        const id = rows.get(params[1] as number);
        return Promise.resolve({ rows: (id === undefined ? [] : [{ id }]) as R[], rowCount: 1 });
      }
      const [, ids, types, titles, statuses] = params as [string, number[], unknown[], string[], string[]];
      written.push([ids[0], types[0], titles[0], statuses[0]]);
      if (options.lose) return Promise.resolve({ rows: [], rowCount: 0 });
      const id = `u${ids[0]}`;
      rows.set(ids[0]!, id);
      const out = options.hideWrites ? [] : [{ id, motopress_id: String(ids[0]), outcome: 'created' }];
      return Promise.resolve({ rows: out as R[], rowCount: out.length });
    },
  };
  return { db, written };
}

function source(units: Record<number, MotopressAccommodation>) {
  const asked: number[] = [];
  const motopress = {
    getAccommodation: (id: number) => {
      asked.push(id);
      return Promise.resolve(units[id]);
    },
  } as MotopressSource;
  return { motopress, asked };
}

const booking = (...rooms: Array<[number, number]>): MappedBooking => ({
  externalBookingId: 1,
  status: 'confirmed',
  checkIn: '2025-12-01',
  checkOut: '2025-12-02',
  guestName: null,
  guestEmail: null,
  guestPhone: null,
  primaryAccommodation: rooms[0]?.[0],
  rooms: rooms.map(([motopressAccommodationId, motopressTypeId]) => ({ motopressAccommodationId, motopressTypeId })),
});

describe('unitResolver', () => {
  it('answers known units without a query, and stored ones from the table without MotoPress', async () => {
    const { db, written } = unitTable({ 20: 'u20' });
    const { motopress, asked } = source({});
    const resolver = unitResolver({ db, motopress }, 't', new Map([[10, 'u10']]), () => 'now');
    expect(await resolver.resolve(booking([10, 1], [20, 1]))).toEqual(
      new Map([
        [10, 'u10'],
        [20, 'u20'],
      ]),
    );
    expect([asked, written, resolver.fetchedOnDemand, resolver.recordedAsDeleted]).toEqual([[], [], [], []]);
  });

  it('fetches a unit MotoPress created after step 1, stores it decoded, and remembers it', async () => {
    const { db, written } = unitTable({});
    const { motopress, asked } = source({
      30: { id: 30, title: 'Private: Owner&#8217;s', status: 'private', accommodation_type_id: 0 },
    });
    const resolver = unitResolver({ db, motopress }, 't', new Map(), () => 'now');
    expect(await resolver.resolve(booking([30, 5]))).toEqual(new Map([[30, 'u30']]));
    expect(await resolver.resolve(booking([30, 5]))).toEqual(new Map([[30, 'u30']]));
    expect(asked).toEqual([30]);
    expect(written).toEqual([[30, null, 'Owner\u2019s', 'private']]);
    expect([resolver.fetchedOnDemand, resolver.recordedAsDeleted]).toEqual([[30], []]);
  });

  it("records a deleted or trashed unit as 'deleted' with the booking's type (0: none)", async () => {
    const { db, written } = unitTable({});
    const { motopress } = source({ 41: { id: 41, title: 'Old', status: 'trash', accommodation_type_id: 3 } });
    const resolver = unitResolver({ db, motopress }, 't', new Map(), () => 'at');
    expect(await resolver.resolve(booking([40, 7], [41, 0]))).toEqual(
      new Map([
        [40, 'u40'],
        [41, 'u41'],
      ]),
    );
    expect(written).toEqual([
      [40, 7, 'Accommodation #40 (deleted in MotoPress)', 'deleted'],
      [41, null, 'Accommodation #41 (deleted in MotoPress)', 'deleted'],
    ]);
    expect([resolver.fetchedOnDemand, resolver.recordedAsDeleted]).toEqual([[], [40, 41]]);
  });

  it('reads the id back when a concurrent insert hid the row from the upsert, and fails when it cannot', async () => {
    const hidden = unitTable({}, { hideWrites: true });
    const resolver = unitResolver({ db: hidden.db, motopress: source({}).motopress }, 't', new Map(), () => 'now');
    expect(await resolver.resolve(booking([50, 1]))).toEqual(new Map([[50, 'u50']]));
    const lost = unitTable({}, { lose: true });
    const failing = unitResolver({ db: lost.db, motopress: source({}).motopress }, 'tenant-a', new Map(), () => 'now');
    await expect(failing.resolve(booking([51, 1]))).rejects.toThrow(
      'unit 51 of tenant tenant-a was upserted but cannot be read back',
    );
  });
});
