/**
 * Two hotels whose MotoPress ids collide: each tenant's reservations and junction rows point
 * only at its own units.
 * Each test states the rows it expects, so a wrong row fails here by value.
 */
import { describe, expect, it } from 'vitest';
import { INDO, SIMMER_DOWN } from '../hotel-world.ts';
import {
  addSite,
  book,
  count,
  hotel,
  junctionOf,
  reservationsOf,
  sync,
  unitsOf,
  useSyncAllHarness,
} from './sync-all-harness.ts';

useSyncAllHarness();

describe('two tenants with the same MotoPress ids', () => {
  it("each tenant's reservations and junction rows point only at its own units", async () => {
    const indo = await addSite(INDO);
    const simmer = await addSite(SIMMER_DOWN);
    const i = hotel(indo.fake, ['INDO Bungalow 1', 'INDO Bungalow 2'], 'INDO Bungalow');
    const s = hotel(simmer.fake, ['Simmer Room A', 'Simmer Room B'], 'Simmer Room');
    const ib = book(indo.fake, [i.units[1]!, i.units[0]!]);
    const sb = book(simmer.fake, [s.units[0]!], { first: 'Sam', last: 'Down' });
    // Both sites start at id 1: same type, unit and booking ids.
    expect([i.type.id, i.units[0]!.id, i.units[1]!.id, ib.id]).toEqual([1, 2, 3, 4]);
    expect([s.type.id, s.units[0]!.id, s.units[1]!.id, sb.id]).toEqual([1, 2, 3, 4]);
    // Simmer Down also has a booking on a unit it then deleted, an id INDO still has.
    const sGone = book(simmer.fake, [s.units[1]!], { checkIn: '2025-12-01', checkOut: '2025-12-02' });
    simmer.fake.store.removeAccommodation(s.units[1]!.id);

    await sync(indo);
    const simmerReport = await sync(simmer);
    expect(simmerReport.bookings.unitsRecordedAsDeleted).toEqual([3]);

    expect(await unitsOf(INDO.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'INDO Bungalow 1', status: 'publish' },
      { motopressId: 3, typeId: 1, title: 'INDO Bungalow 2', status: 'publish' },
    ]);
    expect(await unitsOf(SIMMER_DOWN.id)).toEqual([
      { motopressId: 2, typeId: 1, title: 'Simmer Room A', status: 'publish' },
      { motopressId: 3, typeId: null, title: 'Accommodation #3 (deleted in MotoPress)', status: 'deleted' },
    ]);
    expect(await reservationsOf(INDO.id)).toEqual([
      {
        booking: 4,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Ana Lima',
        unit: 3,
        unitTenant: INDO.id,
      },
    ]);
    expect(await reservationsOf(SIMMER_DOWN.id)).toEqual([
      {
        booking: 4,
        status: 'confirmed',
        checkIn: '2025-11-20',
        checkOut: '2025-11-23',
        guest: 'Sam Down',
        unit: 2,
        unitTenant: SIMMER_DOWN.id,
      },
      {
        booking: sGone.id,
        status: 'confirmed',
        checkIn: '2025-12-01',
        checkOut: '2025-12-02',
        guest: 'Ana Lima',
        unit: 3,
        unitTenant: SIMMER_DOWN.id,
      },
    ]);
    expect((await junctionOf(INDO.id)).map((j) => [j.booking, j.unit, j.unitTenant])).toEqual([
      [4, 3, INDO.id],
      [4, 2, INDO.id],
    ]);
    expect((await junctionOf(SIMMER_DOWN.id)).map((j) => [j.booking, j.unit, j.unitTenant])).toEqual([
      [4, 2, SIMMER_DOWN.id],
      [sGone.id, 3, SIMMER_DOWN.id],
    ]);
    // Whole-table check: no reservation or junction row anywhere points at another tenant's unit.
    expect(
      await count(
        `guest_reservations r JOIN hotels.accommodation_units u ON u.id = r.accommodation_unit_id WHERE u.tenant_id <> r.tenant_id`,
      ),
    ).toBe(0);
    expect(
      await count(
        `reservation_accommodations j JOIN guest_reservations r ON r.id = j.reservation_id JOIN hotels.accommodation_units u ON u.id = j.accommodation_unit_id WHERE u.tenant_id <> r.tenant_id`,
      ),
    ).toBe(0);
  });
});
