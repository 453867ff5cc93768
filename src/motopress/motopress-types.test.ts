import { describe, expect, it } from 'vitest';
import { parseAccommodation, parseAccommodationType, parseBooking, ShapeError } from './motopress-types.ts';

const booking = {
  id: 2432,
  status: 'confirmed',
  check_in_date: '2025-12-01',
  check_out_date: '2025-12-03',
  customer: { first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com', phone: '+100', extra: 1 },
  reserved_accommodations: [
    { accommodation: 12, accommodation_type: 4, adults: 2 },
    { accommodation: 0, accommodation_type: 0 },
  ],
  total_price: 10,
};

/** The ShapeError message `parse` throws for `raw`. */
function shapeError(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    if (error instanceof ShapeError) return error.message;
    throw error;
  }
  throw new Error('no ShapeError');
}

describe('parseBooking', () => {
  it('keeps the fields the sync reads, and only those', () => {
    expect(parseBooking(booking, '[0]')).toEqual({
      id: 2432,
      status: 'confirmed',
      check_in_date: '2025-12-01',
      check_out_date: '2025-12-03',
      customer: { first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com', phone: '+100' },
      reserved_accommodations: [
        { accommodation: 12, accommodation_type: 4 },
        { accommodation: 0, accommodation_type: 0 },
      ],
    });
  });

  it.each([
    ['not an object', null, '[0] is not an object'],
    ['an array', [booking], '[0] is not an object'],
    ['id 0', { ...booking, id: 0 }, '[0].id is not an integer >= 1'],
    ['id as a string', { ...booking, id: '2432' }, '[0].id is not an integer >= 1'],
    ['id 1.5', { ...booking, id: 1.5 }, '[0].id is not an integer >= 1'],
    ['no status', { ...booking, status: undefined }, '[0].status is not a string'],
    ['a date with a time', { ...booking, check_in_date: '2025-12-01T00:00' }, '[0].check_in_date is not a Y-m-d date'],
    [
      'a date with text before',
      { ...booking, check_out_date: 'x2025-12-03' },
      '[0].check_out_date is not a Y-m-d date',
    ],
    ['a customer that is null', { ...booking, customer: null }, '[0].customer is not an object'],
    [
      'a phone that is a number',
      { ...booking, customer: { ...booking.customer, phone: 100 } },
      '[0].customer.phone is not a string',
    ],
    [
      'rooms that are an object',
      { ...booking, reserved_accommodations: {} },
      '[0].reserved_accommodations is not an array',
    ],
    [
      'a room that is a number',
      { ...booking, reserved_accommodations: [5] },
      '[0].reserved_accommodations[0] is not an object',
    ],
    [
      'a negative type',
      { ...booking, reserved_accommodations: [{ accommodation: 1, accommodation_type: -1 }] },
      '[0].reserved_accommodations[0].accommodation_type is not an integer >= 0',
    ],
    [
      'a second room without a unit',
      { ...booking, reserved_accommodations: [{ accommodation: 1, accommodation_type: 1 }, { accommodation_type: 1 }] },
      '[0].reserved_accommodations[1].accommodation is not an integer >= 0',
    ],
  ])('refuses %s, naming the path', (_, raw, message) => {
    expect(shapeError(() => parseBooking(raw, '[0]'))).toBe(message);
  });
});

describe('parseAccommodation and parseAccommodationType', () => {
  it('keep id, title, status (and a unit its type, 0 allowed)', () => {
    expect(
      parseAccommodation({ id: 3, title: 'Suite', status: 'publish', accommodation_type_id: 0, x: 1 }, 'body'),
    ).toEqual({ id: 3, title: 'Suite', status: 'publish', accommodation_type_id: 0 });
    expect(parseAccommodationType({ id: 4, title: 'Double', status: 'draft', x: 1 }, 'body')).toEqual({
      id: 4,
      title: 'Double',
      status: 'draft',
    });
  });

  it('refuse a wrong field, naming the path', () => {
    expect(shapeError(() => parseAccommodation({ id: 3, title: 'S', status: 'publish' }, '[2]'))).toBe(
      '[2].accommodation_type_id is not an integer >= 0',
    );
    expect(
      shapeError(() => parseAccommodation({ id: 0, title: 'S', status: 'publish', accommodation_type_id: 1 }, '[2]')),
    ).toBe('[2].id is not an integer >= 1');
    expect(shapeError(() => parseAccommodationType({ id: 4, title: 7, status: 'draft' }, 'body'))).toBe(
      'body.title is not a string',
    );
    expect(shapeError(() => parseAccommodationType('x', 'body'))).toBe('body is not an object');
  });
});
