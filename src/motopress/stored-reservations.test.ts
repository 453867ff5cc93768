import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/db.ts';
import type { MappedBooking } from './map-booking.ts';
import { isUnchanged, loadStoredReservations, type StoredReservation } from './stored-reservations.ts';

const booking: MappedBooking = {
  externalBookingId: 7,
  status: 'confirmed',
  checkIn: '2025-12-01',
  checkOut: '2025-12-03',
  guestName: 'Ann Lee',
  guestEmail: 'ann@example.com',
  guestPhone: '+100',
  primaryAccommodation: 12,
  rooms: [
    { motopressAccommodationId: 12, motopressTypeId: 4 },
    { motopressAccommodationId: 9, motopressTypeId: 0 },
  ],
};
const unitIds = new Map([
  [12, 'u12'],
  [9, 'u9'],
]);
const stored: StoredReservation = {
  status: 'confirmed',
  checkIn: '2025-12-01',
  checkOut: '2025-12-03',
  guestName: 'Ann Lee',
  guestEmail: 'ann@example.com',
  guestPhone: '+100',
  unitId: 'u12',
  // As loaded: ordered by MotoPress accommodation id.
  rooms: [
    [9, 'u9', 0],
    [12, 'u12', 4],
  ],
};

describe('isUnchanged', () => {
  it('is true when every written field and the junction rows match, rooms compared in id order', () => {
    expect(isUnchanged(stored, booking, unitIds)).toBe(true);
  });

  it('is false for a booking never stored', () => {
    expect(isUnchanged(undefined, booking, unitIds)).toBe(false);
  });

  it.each([
    ['status', { status: 'cancelled' }],
    ['check-in', { checkIn: '2025-12-02' }],
    ['check-out', { checkOut: '2025-12-04' }],
    ['guest name', { guestName: 'Ann Leigh' }],
    ['guest email', { guestEmail: null }],
    ['guest phone', { guestPhone: '+200' }],
    ['unit', { unitId: 'u9' }],
    [
      'junction unit',
      {
        rooms: [
          [9, 'u8', 0],
          [12, 'u12', 4],
        ],
      },
    ],
    [
      'junction type',
      {
        rooms: [
          [9, 'u9', 3],
          [12, 'u12', 4],
        ],
      },
    ],
    ['junction rows', { rooms: [[12, 'u12', 4]] }],
  ] as Array<[string, Partial<StoredReservation>]>)('is false when the stored %s differs', (_, change) => {
    expect(isUnchanged({ ...stored, ...change }, booking, unitIds)).toBe(false);
  });

  it('compares a booking without rooms to a NULL unit and no junction rows', () => {
    const roomless: MappedBooking = { ...booking, primaryAccommodation: undefined, rooms: [] };
    expect(isUnchanged({ ...stored, unitId: null, rooms: [] }, roomless, unitIds)).toBe(true);
    expect(isUnchanged({ ...stored, rooms: [] }, roomless, unitIds)).toBe(false);
  });

  it('reads an unresolved primary unit as NULL, never as a match of a stored unit', () => {
    const unresolved = new Map([[9, 'u9']]);
    const noRooms = { ...booking, rooms: [] };
    expect(isUnchanged({ ...stored, rooms: [] }, noRooms, unresolved)).toBe(false);
    expect(isUnchanged({ ...stored, unitId: null, rooms: [] }, noRooms, unresolved)).toBe(true);
  });
});

describe('loadStoredReservations', () => {
  it("asks for the tenant's reservations and keys them by MotoPress booking id", async () => {
    const calls: Array<readonly unknown[] | undefined> = [];
    const db: Queryable = {
      query: <R>(_text: string, params?: readonly unknown[]) => {
        calls.push(params);
        const rows = [
          {
            external_booking_id: '7',
            status: 'confirmed',
            check_in: '2025-12-01',
            check_out: '2025-12-03',
            guest_name: 'Ann Lee',
            guest_email: null,
            guest_phone: '+100',
            unit_id: '31',
            rooms: [[12, '31', 4]],
          },
        ];
        return Promise.resolve({ rows: rows as R[], rowCount: 1 });
      },
    };
    const loaded = await loadStoredReservations(db, 'tenant-a');
    expect(calls).toEqual([['tenant-a']]);
    expect([...loaded]).toEqual([
      [
        7,
        {
          status: 'confirmed',
          checkIn: '2025-12-01',
          checkOut: '2025-12-03',
          guestName: 'Ann Lee',
          guestEmail: null,
          guestPhone: '+100',
          unitId: '31',
          rooms: [[12, '31', 4]],
        },
      ],
    ]);
  });
});
