/**
 * A MotoPress booking as the guest chat stores it, pure: the reservation row's fields and one
 * junction item per reserved accommodation. The reservation's own unit is the first reserved
 * accommodation's (the one the guest chat talks about); every unit is in the junction.
 * Unit ids here are MotoPress ids; resolving them to our rows is the sync's job.
 */
import type { MotopressBooking } from './motopress-types.ts';

export const RESERVATION_STATUSES = [
  'pending-user',
  'pending-payment',
  'pending',
  'abandoned',
  'confirmed',
  'cancelled',
] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export interface MappedBooking {
  externalBookingId: number;
  status: ReservationStatus;
  checkIn: string;
  checkOut: string;
  guestName: string | null;
  guestEmail: string | null;
  guestPhone: string | null;
  /** MotoPress unit id of the reservation's unit; undefined when the booking reserves none. */
  primaryAccommodation: number | undefined;
  rooms: Array<{ motopressAccommodationId: number; motopressTypeId: number }>;
}

export class UnmappableBookingError extends Error {
  constructor(
    readonly bookingId: number,
    reason: string,
  ) {
    super(`booking ${bookingId}: ${reason}`);
  }
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function mapBooking(booking: MotopressBooking): MappedBooking {
  if (!(RESERVATION_STATUSES as readonly string[]).includes(booking.status))
    throw new UnmappableBookingError(booking.id, `unknown status '${booking.status}'`);
  if (booking.check_out_date < booking.check_in_date)
    throw new UnmappableBookingError(
      booking.id,
      `check-out ${booking.check_out_date} is before check-in ${booking.check_in_date}`,
    );
  const rooms: MappedBooking['rooms'] = [];
  for (const room of booking.reserved_accommodations) {
    // An accommodation id of 0 names no unit (a broken import): nothing to point at.
    if (room.accommodation <= 0 || rooms.some((r) => r.motopressAccommodationId === room.accommodation)) continue;
    rooms.push({ motopressAccommodationId: room.accommodation, motopressTypeId: room.accommodation_type });
  }
  const { first_name, last_name, email, phone } = booking.customer;
  return {
    externalBookingId: booking.id,
    status: booking.status as ReservationStatus,
    checkIn: booking.check_in_date,
    checkOut: booking.check_out_date,
    // Each part trimmed, one space between: a blank first or last name leaves no stray space.
    guestName: blankToNull(`${first_name.trim()} ${last_name.trim()}`),
    guestEmail: blankToNull(email),
    guestPhone: blankToNull(phone),
    primaryAccommodation: rooms[0]?.motopressAccommodationId,
    rooms,
  };
}
