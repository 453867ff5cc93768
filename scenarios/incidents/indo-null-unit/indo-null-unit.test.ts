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
    // listed the units and before step 2 listed the bookings; in the minimal one too.
    const race = (history: typeof result.history) => {
      const at = (match: (e: (typeof history)[number]) => boolean) => history.findIndex(match);
      const adminActs = at((e) => e.actor === 'hotel-admin' && e.operation === 'sleep' && e.type === 'ok');
      return [
        at((e) => e.operation === 'GET /wp-json/mphb/v1/accommodations' && e.type === 'ok') < adminActs,
        at((e) => e.operation === 'GET /wp-json/mphb/v1/bookings' && e.type === 'invoke') > adminActs,
      ];
    };
    expect(race(result.history)).toEqual([true, true]);
    // The race as a person draws it, and no more: sync-all starts (the default would start
    // hotel-admin, lowest-named), and the admin's change comes while step 1 works on the units
    // it listed (right after the listing or one of its statements: the seed decides which).
    expect(result.minimal).toMatchObject({ after: 2 });
    const [start, change] = result.minimal!.schedule.split(',');
    expect(start).toBe('sync-all:motopress.GET_/wp-json/mphb/v1/accommodation_types:0@start');
    expect(change).toMatch(/^hotel-admin:clock\.sleep:0@sync-all:/);
    expect(race(result.minimal!.history)).toEqual([true, true]);
  });
});
