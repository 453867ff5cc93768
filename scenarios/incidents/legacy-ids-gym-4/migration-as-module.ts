/**
 * A scenario migration (dry-run and apply, each given the gym) in validate-migration's module
 * contract, so the planted bugs can be validated by path like a user's own module. The plan is
 * the dry-run's (none without one); apply runs the migration for the plan's gym, which plans again.
 */
import type { MigrationModule } from 'syncsim';
import type { MigrationDeps, MigrationPlan } from '../../../src/chat/index.ts';
import type { Migration } from './legacy-ids-gym-4-actors.ts';
import { gymOf } from './stream-ids-migration.ts';

export function migrationAsModule(name: string, migration: Migration): MigrationModule<MigrationDeps, MigrationPlan> {
  return {
    name,
    async plan(deps, scope) {
      const gymId = gymOf(scope);
      return migration.dryRun ? (await migration.dryRun(deps, gymId)).plan : { gymId, actions: [], left: [] };
    },
    apply: async (deps, plan) => (await migration.apply(deps, plan.gymId)).report ?? {},
  };
}
