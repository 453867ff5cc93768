/**
 * Incident E reproduced: `before` stores INDO 2432 with a NULL unit and no junction row, as the
 * report says; `planned-fix` gets 2432 right but is broken by a unit created after step 1;
 * `after` (src/motopress) holds. `npx syncsim reproduce indo-null-unit`.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, expectMet, fileCaseEngine, withSeed } from 'syncsim/vitest';
import { INCIDENT_BOOKING } from './indo-world.ts';
import { indoNullUnitScenario } from './indo-null-unit.scenario.ts';

const engine = fileCaseEngine();

const nullBookings = (violations: { invariant: string; details?: Record<string, unknown> }[]) =>
  violations.filter((v) => v.invariant === 'no-null-unit').map((v) => v.details?.externalBookingId);

describe('indo-null-unit', () => {
  it('before: booking 2432 is stored with a NULL unit and an empty junction', async () => {
    const result = expectMet(await runScenario(indoNullUnitScenario, 'before', engine(), withSeed));
    expect(result.broken.sort()).toEqual(['junction-complete', 'no-null-unit']);
    expect(nullBookings(result.violations)).toContain(INCIDENT_BOOKING);
    expect(result.violations.find((v) => v.invariant === 'junction-complete')?.message).toContain(
      `booking ${INCIDENT_BOOKING} has no reservation_accommodations rows`,
    );
    // Not a race: the interleaving a person draws is the plain one, each actor to its end
    // (hotel-admin, then sync-all): the schedule minimises to 0 preemptions and still breaks both.
    expect(result.minimal).toMatchObject({ after: 0, schedule: '', budgetHit: false });
    expect(nullBookings(result.minimal!.violations)).toContain(INCIDENT_BOOKING);
  });

  it('planned-fix: 2432 is right, but a unit created after step 1 still yields NULL', async () => {
    const result = expectMet(
      await runScenario(indoNullUnitScenario, 'planned-fix', engine(), { ...withSeed, runs: 300 }),
    );
    expect(result.broken.sort()).toEqual(['junction-complete', 'no-null-unit']);
    const nulls = nullBookings(result.violations);
    expect(nulls).not.toContain(INCIDENT_BOOKING);
    expect(nulls).toHaveLength(1);
    // The interleaving shows the race: the admin's change (its pause ending) falls after step 1
    // listed the units and before step 2 listed the bookings.
    const at = (match: (e: (typeof result.history)[number]) => boolean) => result.history.findIndex(match);
    const adminActs = at((e) => e.actor === 'hotel-admin' && e.operation === 'sleep' && e.type === 'ok');
    expect(at((e) => e.operation === 'GET /wp-json/mphb/v1/accommodations' && e.type === 'ok')).toBeLessThan(adminActs);
    expect(at((e) => e.operation === 'GET /wp-json/mphb/v1/bookings' && e.type === 'invoke')).toBeGreaterThan(
      adminActs,
    );
    // The race as a person draws it, and no more: sync-all starts (the default would start
    // hotel-admin, lowest-named), and the admin's change comes right after step 1 listed the units.
    expect(result.minimal).toMatchObject({
      after: 2,
      schedule:
        'sync-all:motopress.GET_/wp-json/mphb/v1/accommodation_types:0@start,hotel-admin:clock.sleep:0@sync-all:motopress.GET_/wp-json/mphb/v1/accommodations:0',
    });
  });
});
