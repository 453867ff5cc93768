/**
 * `stream-ids`, the built-in name of `syncsim validate-migration`: src/chat's migration in the
 * module contract (README, "validate-migration"). Bound here, by the world's scenario, because
 * the harness (sims/) may not import src/. The scope names the gym: `{ gym: '4' }`.
 */
import type { MigrationModule } from 'syncsim';
import {
  applyTenantIdMigration,
  planTenantIdMigration,
  readMigrationState,
  type MigrationDeps,
  type MigrationPlan,
} from '../../../src/chat/index.ts';

export const streamIdsMigration: MigrationModule<MigrationDeps, MigrationPlan> = {
  name: 'stream-ids',
  plan: async (deps, scope) => planTenantIdMigration(await readMigrationState(deps, gymOf(scope))),
  apply: (deps, plan) => applyTenantIdMigration(deps, plan.actions),
};

export function gymOf(scope: Readonly<Record<string, string>>): number {
  const gym = Number(scope.gym);
  if (!Number.isInteger(gym) || gym < 1) throw new Error(`scope gym=${scope.gym ?? ''} is not a gym id`);
  return gym;
}

export default streamIdsMigration;
