/**
 * no-duplicate-booking can fail. The shipped schema makes a duplicate impossible (a unique
 * constraint), so the check earns its keep when a migration under validation drops that
 * constraint: this file's database (its own clone) has it dropped, and a check-then-insert
 * sync, run by two sync-alls of one tenant at once, stores a booking twice. The real sync-all
 * still needs the constraint (its upsert names it), which is the schema's job to keep.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario, expectMet, fileCaseEngine, withSeed } from 'syncsim/vitest';
import { defineScenario } from 'syncsim';
import { noDuplicateBooking } from './invariants/index.ts';
import { syncActor } from './hotel-actors.ts';
import { motopressPropertyScenario } from './motopress.scenario.ts';
import { checkThenInsert } from './planted/check-then-insert.ts';

const engine = fileCaseEngine();
beforeAll(async () => {
  // The migration under validation: the unique constraint is gone.
  await engine().admin.query(
    'ALTER TABLE guest_reservations DROP CONSTRAINT guest_reservations_tenant_id_external_booking_id_key',
  );
});

const withoutUnique = defineScenario({
  ...motopressPropertyScenario,
  id: 'properties-motopress-without-unique-booking',
  // Faults off: the duplicate comes from the race alone.
  faults: undefined,
  invariants: [noDuplicateBooking],
  variants: {
    'planted-check-then-insert': {
      description: 'PLANTED: SELECT then INSERT, on a schema without the unique constraint',
      expect: 'breaks',
      breaks: ['no-duplicate-booking'],
      actors: ({ input, world }) =>
        input.jobs.map((j, i) =>
          syncActor(`${j.job}-${i + 1}`, world.sites[j.tenant % world.sites.length]!, checkThenInsert, j.job),
        ),
    },
  },
  defaultVariant: 'planted-check-then-insert',
});

describe('no-duplicate-booking', () => {
  it('catches a booking stored twice by two racing check-then-insert syncs', async () => {
    const result = expectMet(
      await runScenario(withoutUnique, 'planted-check-then-insert', engine(), { ...withSeed, runs: 300 }),
    );
    expect(result.broken).toEqual(['no-duplicate-booking']);
    // Two racing syncs store it twice; three syncs of one tenant (seed 1078127445) store it three times.
    const [, times] =
      /^booking \d+ of tenant [0-9a-f-]+ is stored (\d+) times$/.exec(result.violations[0]!.message) ?? [];
    expect(Number(times), result.violations[0]!.message).toBeGreaterThanOrEqual(2);
  });
});
