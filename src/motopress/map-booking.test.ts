/**
 * mapBooking, pure: a MotoPress booking -> the reservation row's fields and its junction items.
 * The first reserved accommodation is the reservation's own unit; accommodation 0 (no unit) and
 * repeated unit ids never reach the junction; a booking that cannot be stored right (unknown
 * status, check-out before check-in) is refused with UnmappableBookingError.
 */
import { describe, expect, it } from 'vitest';
import { mapBooking, RESERVATION_STATUSES, UnmappableBookingError, type MappedBooking } from './map-booking.ts';
import type { MotopressBooking, MotopressCustomer, MotopressReservedAccommodation } from './motopress-types.ts';

function booking(
  overrides: Partial<Omit<MotopressBooking, 'customer'>> & { customer?: Partial<MotopressCustomer> } = {},
): MotopressBooking {
  const { customer, ...rest } = overrides;
  return {
    id: 2432,
    status: 'confirmed',
    check_in_date: '2025-11-20',
    check_out_date: '2025-11-23',
    reserved_accommodations: [{ accommodation: 12, accommodation_type: 7 }],
    ...rest,
    customer: {
      first_name: 'Ana',
      last_name: 'Lima',
      email: 'ana@example.com',
      phone: '+351 912 345 678',
      ...customer,
    },
  };
}

const rooms = (...pairs: Array<[number, number]>): MotopressReservedAccommodation[] =>
  pairs.map(([accommodation, type]) => ({ accommodation, accommodation_type: type }));

describe('mapBooking', () => {
  it('maps every field of a one-room booking', () => {
    const expected: MappedBooking = {
      externalBookingId: 2432,
      status: 'confirmed',
      checkIn: '2025-11-20',
      checkOut: '2025-11-23',
      guestName: 'Ana Lima',
      guestEmail: 'ana@example.com',
      guestPhone: '+351 912 345 678',
      primaryAccommodation: 12,
      rooms: [{ motopressAccommodationId: 12, motopressTypeId: 7 }],
    };
    expect(mapBooking(booking())).toEqual(expected);
  });

  it('keeps every MotoPress booking status as is', () => {
    expect(RESERVATION_STATUSES).toEqual([
      'pending-user',
      'pending-payment',
      'pending',
      'abandoned',
      'confirmed',
      'cancelled',
    ]);
    for (const status of RESERVATION_STATUSES) expect(mapBooking(booking({ status })).status).toBe(status);
  });

  it('trims the guest name, email and phone', () => {
    const mapped = mapBooking(
      booking({ customer: { first_name: '  Ana', last_name: 'Lima  ', email: ' ana@example.com\t', phone: ' 912 ' } }),
    );
    expect([mapped.guestName, mapped.guestEmail, mapped.guestPhone]).toEqual(['Ana Lima', 'ana@example.com', '912']);
  });

  it('uses whichever half of the name is there', () => {
    expect(mapBooking(booking({ customer: { first_name: 'Ana', last_name: '' } })).guestName).toBe('Ana');
    expect(mapBooking(booking({ customer: { first_name: '', last_name: 'Lima' } })).guestName).toBe('Lima');
    expect(mapBooking(booking({ customer: { first_name: ' ', last_name: ' Lima ' } })).guestName).toBe('Lima');
    // Each half is trimmed before joining: no double space inside the name.
    expect(mapBooking(booking({ customer: { first_name: 'Ana ', last_name: ' Lima' } })).guestName).toBe('Ana Lima');
  });

  it('turns a blank name, email or phone into null (an iCal import has an empty customer)', () => {
    const mapped = mapBooking(booking({ customer: { first_name: '', last_name: '', email: '', phone: '' } }));
    expect([mapped.guestName, mapped.guestEmail, mapped.guestPhone]).toEqual([null, null, null]);
    const spaces = mapBooking(
      booking({ customer: { first_name: '  ', last_name: '\t', email: '   ', phone: ' \n ' } }),
    );
    expect([spaces.guestName, spaces.guestEmail, spaces.guestPhone]).toEqual([null, null, null]);
  });

  it('takes the FIRST reserved accommodation as the reservation unit, not the lowest id', () => {
    const mapped = mapBooking(booking({ reserved_accommodations: rooms([31, 8], [12, 7], [20, 8]) }));
    expect(mapped.primaryAccommodation).toBe(31);
    expect(mapped.rooms).toEqual([
      { motopressAccommodationId: 31, motopressTypeId: 8 },
      { motopressAccommodationId: 12, motopressTypeId: 7 },
      { motopressAccommodationId: 20, motopressTypeId: 8 },
    ]);
  });

  it('skips accommodation 0 (names no unit), also when it comes first', () => {
    const mapped = mapBooking(booking({ reserved_accommodations: rooms([0, 7], [15, 8], [0, 0]) }));
    expect(mapped.primaryAccommodation).toBe(15);
    expect(mapped.rooms).toEqual([{ motopressAccommodationId: 15, motopressTypeId: 8 }]);
  });

  it('keeps the first copy of a repeated unit id', () => {
    const mapped = mapBooking(booking({ reserved_accommodations: rooms([12, 7], [15, 8], [12, 9], [15, 0]) }));
    expect(mapped.rooms).toEqual([
      { motopressAccommodationId: 12, motopressTypeId: 7 },
      { motopressAccommodationId: 15, motopressTypeId: 8 },
    ]);
    expect(mapped.primaryAccommodation).toBe(12);
  });

  it('keeps type 0 (MotoPress knows no type for a deleted unit without rate)', () => {
    expect(mapBooking(booking({ reserved_accommodations: rooms([44, 0]) })).rooms).toEqual([
      { motopressAccommodationId: 44, motopressTypeId: 0 },
    ]);
  });

  it('has no primary unit when the booking reserves none', () => {
    for (const reserved of [[], rooms([0, 7])]) {
      const mapped = mapBooking(booking({ reserved_accommodations: reserved }));
      expect(mapped.primaryAccommodation).toBeUndefined();
      expect(mapped.rooms).toEqual([]);
    }
  });

  it('does not change its input', () => {
    const input = booking({ reserved_accommodations: rooms([12, 7], [0, 7], [12, 9]) });
    const copy = structuredClone(input);
    mapBooking(input);
    expect(input).toEqual(copy);
  });

  it('refuses an unknown status with UnmappableBookingError', () => {
    for (const status of ['trash', 'publish', 'Confirmed', '', 'draft']) {
      let thrown: unknown;
      try {
        mapBooking(booking({ id: 77, status }));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UnmappableBookingError);
      expect((thrown as UnmappableBookingError).bookingId).toBe(77);
      expect((thrown as UnmappableBookingError).message).toBe(`booking 77: unknown status '${status}'`);
    }
  });

  it('refuses check-out before check-in with UnmappableBookingError', () => {
    const bad = booking({ id: 78, check_in_date: '2025-11-20', check_out_date: '2025-11-19' });
    expect(() => mapBooking(bad)).toThrow(UnmappableBookingError);
    expect(() => mapBooking(bad)).toThrow('booking 78: check-out 2025-11-19 is before check-in 2025-11-20');
    // Across a month and a year: Y-m-d strings compare as dates.
    expect(() => mapBooking(booking({ check_in_date: '2026-01-01', check_out_date: '2025-12-31' }))).toThrow(
      UnmappableBookingError,
    );
  });

  it('accepts check-out on the check-in day (the table allows check_out_date >= check_in_date)', () => {
    const mapped = mapBooking(booking({ check_in_date: '2025-11-20', check_out_date: '2025-11-20' }));
    expect([mapped.checkIn, mapped.checkOut]).toEqual(['2025-11-20', '2025-11-20']);
  });
});
