// One run of the migration for one gym: read, plan, and (with apply) perform the plan. The
// dry-run and the real run share every step up to the plan, so the dry-run prints exactly the
// actions the real run then performs (minus any another run finished in between).
import { applyTenantIdMigration } from './apply-tenant-id-migration.ts';
import type { MigrationPlan } from './migration-action.ts';
import type { MigrationReport } from './migration-report.ts';
import { planTenantIdMigration } from './plan-tenant-id-migration.ts';
import { readMigrationState, type MigrationDeps } from './read-migration-state.ts';

export interface MigrationRun {
  readonly plan: MigrationPlan;
  /** Only with apply. */
  readonly report?: MigrationReport;
}

export async function migrateTenantIds(
  deps: MigrationDeps,
  options: { readonly gymId: number; readonly apply: boolean },
): Promise<MigrationRun> {
  const plan = planTenantIdMigration(await readMigrationState(deps, options.gymId));
  if (!options.apply) return { plan };
  return { plan, report: await applyTenantIdMigration(deps, plan.actions) };
}
