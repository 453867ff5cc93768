/**
 * The store's rules without HTTP: shared id sequence, unit availability for locking statuses,
 * reserved rooms outliving their unit, the iCal importer's skip/fail rules, hard deletes without
 * tombstones, and snapshot() as a deep copy for invariants.
 */
import { describe, expect, it } from 'vitest';
import { MotopressStore } from './motopress-store.ts';
import { START, smallHotel } from './fixtures/motopress-site.ts';

function hotel() {
  const clock = { now: START, advance: (ms: number) => void (clock.now += ms) };
  const store = new MotopressStore({ now: () => clock.now });
  return { store, clock, h: smallHotel(store, clock) };
}

describe('MotopressStore', () => {
  it('draws every post id from one sequence (reserved rooms and payments included)', () => {
    const { h } = hotel();
    const all = [h.deluxe, h.suite, h.deluxeRate, h.suiteRate, h.d1, h.d2, h.s1, h.annex].map((p) => p.id);
    expect(all).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(h.byStatus[1]!.id - h.byStatus[0]!.id).toBe(2);
    expect(h.paid.id).toBe(h.multi.rooms[1]!.id + 1);
  });

  it('refuses an overlapping stay on a unit held by a locking status, but not by cancelled/abandoned', () => {
    const { store, h } = hotel();
    // byStatus[4] is confirmed on d1, 2026-04-13..15; byStatus[5] cancelled on 04-16..18.
    expect(() =>
      store.addBooking({
        status: 'pending',
        checkIn: '2026-04-14',
        checkOut: '2026-04-16',
        rooms: [{ accommodation: h.d1.id }],
      }),
    ).toThrow('Dates unavailable for booking.');
    expect(
      store.addBooking({
        status: 'pending',
        checkIn: '2026-04-16',
        checkOut: '2026-04-18',
        rooms: [{ accommodation: h.d1.id }],
      }).status,
    ).toBe('pending');
    expect(
      store.addBooking({
        status: 'cancelled',
        checkIn: '2026-04-14',
        checkOut: '2026-04-16',
        rooms: [{ accommodation: h.d1.id }],
      }).status,
    ).toBe('cancelled');
    // The cancelled booking (04-16..18 on d1) cannot be confirmed again: the new pending one holds those nights.
    expect(() => store.setBookingStatus(h.byStatus[5]!.id, 'confirmed')).toThrow('Dates unavailable');
  });

  it('needs existing units and a valid stay', () => {
    const { store, h } = hotel();
    expect(() =>
      store.addBooking({
        status: 'confirmed',
        checkIn: '2026-08-01',
        checkOut: '2026-08-02',
        rooms: [{ accommodation: h.annex.id }],
      }),
    ).toThrow(/does not exist/);
    expect(() =>
      store.addBooking({
        status: 'confirmed',
        checkIn: '2026-08-02',
        checkOut: '2026-08-02',
        rooms: [{ accommodation: h.d1.id }],
      }),
    ).toThrow(/check-out/);
    expect(() =>
      store.addBooking({
        status: 'confirmed',
        checkIn: '2026-02-30',
        checkOut: '2026-03-02',
        rooms: [{ accommodation: h.d1.id }],
      }),
    ).toThrow(/check-out/);
    expect(() => store.addAccommodation({ accommodationTypeId: 999, title: 'x' })).toThrow(/does not exist/);
  });

  it('keeps the deleted unit id on reserved rooms and derives the type from the rate, else 0', () => {
    const { store, h } = hotel();
    const room = store.bookings.get(h.orphan.id)!.rooms[0]!;
    expect(room.accommodation).toBe(h.annex.id);
    expect(store.roomTypeOf(room)).toBe(h.suite.id);
    store.removeRate(h.suiteRate.id);
    expect(store.roomTypeOf(room)).toBe(0);
  });

  it('imports iCal events as confirmed, rate 0, empty customer; skips exact duplicates and past checkouts; fails partial overlaps', () => {
    const { store, h } = hotel();
    expect(h.imported).toMatchObject({ status: 'confirmed', totalPrice: 0, customer: { email: '' } });
    expect(h.imported.rooms[0]).toMatchObject({ accommodation: h.s1.id, rate: 0, adults: 4 });
    expect(
      store.importIcalEvent(h.s1.id, {
        uid: 'again',
        checkIn: '2026-04-10',
        checkOut: '2026-04-12',
        summary: 'Reserved',
      }),
    ).toBeUndefined();
    expect(
      store.importIcalEvent(h.s1.id, {
        uid: 'old',
        checkIn: '2026-02-01',
        checkOut: '2026-03-01',
        summary: 'Reserved',
      }),
    ).toBeUndefined();
    expect(() =>
      store.importIcalEvent(h.s1.id, {
        uid: 'partial',
        checkIn: '2026-04-11',
        checkOut: '2026-04-13',
        summary: 'Reserved',
      }),
    ).toThrow('Dates unavailable');
  });

  it('hard-deletes without a tombstone, trashes on request, and expires pending bookings to abandoned', () => {
    const { store, h } = hotel();
    store.deleteBooking(h.multi.id);
    expect(store.bookings.has(h.multi.id)).toBe(false);
    expect(store.trashBooking(h.byStatus[4]!.id).status).toBe('trash');
    expect(store.abandonExpired()).toEqual([h.byStatus[0]!.id, h.byStatus[1]!.id]);
  });

  it('snapshots deep copies with each reserved room type derived', () => {
    const { store, h } = hotel();
    const snap = store.snapshot();
    expect(snap.bookings.map((b) => b.id)).toEqual([...store.bookings.keys()].sort((a, b) => a - b));
    expect(snap.bookings.find((b) => b.id === h.orphan.id)!.rooms[0]!.accommodationType).toBe(h.suite.id);
    snap.bookings[0]!.status = 'cancelled';
    snap.accommodations.pop();
    expect(store.bookings.get(snap.bookings[0]!.id)!.status).toBe('pending-user');
    expect(store.snapshot().accommodations).toHaveLength(3);
  });
  it("edits a booking as the admin's Edit screen does: guest, stay and unit change, the rules still hold", () => {
    const { store, h } = hotel();
    const confirmed = h.byStatus[4]!; // d1, 2026-04-13..15
    const roomId = confirmed.rooms[0]!.id;
    store.editBooking(confirmed.id, {
      customer: { last_name: 'Smith', phone: '' },
      checkIn: '2026-04-20',
      checkOut: '2026-04-22',
      accommodation: h.s1.id,
    });
    const edited = store.bookings.get(confirmed.id)!;
    expect(edited.customer).toMatchObject({
      first_name: 'Guest4',
      last_name: 'Smith',
      phone: '',
      email: 'guest4@example.com',
    });
    expect([edited.checkIn, edited.checkOut]).toEqual(['2026-04-20', '2026-04-22']);
    expect(edited.rooms[0]).toMatchObject({ id: roomId, accommodation: h.s1.id, rate: h.suiteRate.id });
    expect(store.roomTypeOf(edited.rooms[0]!)).toBe(h.suite.id);
    // A pending booking moved onto the stay another locking booking holds is refused, unchanged.
    const pending = h.byStatus[2]!;
    expect(() =>
      store.editBooking(pending.id, { accommodation: h.s1.id, checkIn: '2026-04-21', checkOut: '2026-04-23' }),
    ).toThrow('Dates unavailable for booking.');
    expect(store.bookings.get(pending.id)!.rooms[0]!.accommodation).toBe(h.d1.id);
    expect(() => store.editBooking(pending.id, { checkIn: '2026-04-09', checkOut: '2026-04-09' })).toThrow(
      'Invalid stay',
    );
    expect(() => store.editBooking(h.imported.id, { customer: { first_name: 'X' } })).toThrow('imported booking');
    store.trashBooking(pending.id);
    expect(() => store.editBooking(pending.id, { customer: { first_name: 'X' } })).toThrow('in the trash');
  });
});
