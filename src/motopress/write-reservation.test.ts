import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/db.ts';
import type { MappedBooking } from './map-booking.ts';
import { writeReservation } from './write-reservation.ts';

const booking: MappedBooking = {
  externalBookingId: 2432,
  status: 'confirmed',
  checkIn: '2025-12-01',
  checkOut: '2025-12-03',
  guestName: 'Ann Lee',
  guestEmail: null,
  guestPhone: '+100',
  primaryAccommodation: 12,
  rooms: [
    { motopressAccommodationId: 12, motopressTypeId: 4 },
    { motopressAccommodationId: 9, motopressTypeId: 0 },
  ],
};
const units = new Map([
  [12, 'u12'],
  [9, 'u9'],
]);

/** A database answering the write with one row, recording the parameters it was sent. */
function answering(row: { inserted: boolean; touched: boolean; junction_changes: number }) {
  const sent: Array<readonly unknown[] | undefined> = [];
  const db: Queryable = {
    query: <R>(_text: string, params?: readonly unknown[]) => {
      sent.push(params);
      return Promise.resolve({ rows: [row] as R[], rowCount: 1 });
    },
  };
  return { db, sent };
}

describe('writeReservation', () => {
  it('sends every field, the primary unit and one junction item per room, in one statement', async () => {
    const { db, sent } = answering({ inserted: true, touched: true, junction_changes: 2 });
    await writeReservation(db, 'tenant-a', booking, units, '2025-11-19T22:19:00.000Z');
    expect(sent).toEqual([
      [
        'tenant-a',
        2432,
        'confirmed',
        '2025-12-01',
        '2025-12-03',
        'Ann Lee',
        null,
        '+100',
        'u12',
        '2025-11-19T22:19:00.000Z',
        ['u12', 'u9'],
        [12, 9],
        [4, 0],
      ],
    ]);
  });

  it('sends a NULL unit for a booking that reserves none', async () => {
    const { db, sent } = answering({ inserted: true, touched: true, junction_changes: 0 });
    await writeReservation(db, 't', { ...booking, primaryAccommodation: undefined, rooms: [] }, new Map(), 'now');
    expect(sent[0]!.slice(8, 13)).toEqual([null, 'now', [], [], []]);
  });

  it.each([
    ['created', { inserted: true, touched: false, junction_changes: 0 }],
    ['updated', { inserted: false, touched: true, junction_changes: 0 }],
    ['updated', { inserted: false, touched: false, junction_changes: 1 }],
    ['unchanged', { inserted: false, touched: false, junction_changes: 0 }],
  ] as const)('reports %s for %j', async (outcome, row) => {
    expect(await writeReservation(answering(row).db, 't', booking, units, 'now')).toBe(outcome);
  });

  it('refuses a booking whose unit is not resolved, before writing anything', async () => {
    const { db, sent } = answering({ inserted: true, touched: true, junction_changes: 1 });
    await expect(writeReservation(db, 't', booking, new Map([[12, 'u12']]), 'now')).rejects.toThrow(
      'booking 2432: unit 9 is not resolved',
    );
    await expect(writeReservation(db, 't', booking, new Map([[9, 'u9']]), 'now')).rejects.toThrow(
      'booking 2432: unit 12 is not resolved',
    );
    expect(sent).toEqual([]);
  });
});
