/**
 * The seeded world has every awkward case §12.8 asks for, and the same seed on the same clock
 * builds the same hotel (a different seed a different one).
 */
import { describe, expect, it } from 'vitest';
import { buildMotopressWorld } from './build-motopress-world.ts';
import { BOOKING_STATUSES } from './motopress-records.ts';
import { MotopressStore } from './motopress-store.ts';
import { filteredTitle } from './render-motopress.ts';
import { START } from './fixtures/motopress-site.ts';

function build(seed: number) {
  const store = new MotopressStore({ now: () => START });
  return { store, world: buildMotopressWorld(store, { seed }) };
}

describe('buildMotopressWorld', () => {
  it('is a function of the seed', () => {
    expect(build(42).store.snapshot()).toEqual(build(42).store.snapshot());
    expect(build(42).store.snapshot()).not.toEqual(build(43).store.snapshot());
  });

  it('does not depend on the worlds built before it (one Faker, reseeded per world)', () => {
    const first = build(42).store.snapshot();
    build(43);
    build(7);
    expect(build(42).store.snapshot()).toEqual(first);
  });

  it.each([1, 2, 3, 4, 5])(
    'seed %i has all six statuses, imports, a same-type multi-room booking, shared timestamps, a deleted unit and tricky titles',
    (seed) => {
      const { store, world } = build(seed);
      const statuses = new Set([...store.bookings.values()].map((b) => b.status));
      expect(statuses).toEqual(new Set(BOOKING_STATUSES));
      for (const status of BOOKING_STATUSES) expect(world.bookingIdsByStatus[status].length).toBeGreaterThan(0);

      expect(world.importedBookingIds.length).toBe(2);
      const imports = world.importedBookingIds.map((id) => store.bookings.get(id)!);
      expect(imports.map((b) => b.imported!.summary)).toContain('Airbnb (Not available)');
      expect(
        imports.every(
          (b) => b.status === 'confirmed' && b.totalPrice === 0 && b.rooms[0]!.rate === 0 && b.customer.email === '',
        ),
      ).toBe(true);

      const multi = store.bookings.get(world.multiRoomBookingId)!;
      expect(multi.rooms).toHaveLength(2);
      expect(new Set(multi.rooms.map((r) => store.roomTypeOf(r))).size).toBe(1);
      expect(new Set(multi.rooms.map((r) => r.accommodation)).size).toBe(2);

      expect(new Set(world.sameCreatedBookingIds.map((id) => store.bookings.get(id)!.createdAt)).size).toBe(1);

      expect(store.accommodations.has(world.deletedUnitId)).toBe(false);
      expect(store.bookings.get(world.bookingWithDeletedUnitId)!.rooms[0]!.accommodation).toBe(world.deletedUnitId);

      const priv = store.accommodations.get(world.privateUnitId)!;
      expect(filteredTitle(priv.title, priv.status)).toMatch(/^Private: /);
      const tricky = store.accommodations.get(world.entityTitleUnitId)!;
      expect(filteredTitle(tricky.title, tricky.status)).toContain('&#8217;');
      expect(filteredTitle(tricky.title, tricky.status)).toContain('&#8211;');
      expect([...store.bookings.values()].some((b) => b.customer.email.includes('@'))).toBe(true);
    },
  );
});
