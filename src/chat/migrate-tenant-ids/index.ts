// Incident B: migrating a gym's legacy Stream user ids (`user_{u}`) to `gym_{g}_user_{u}`.
export type { MigrationAction, MigrationPlan, LeftRoom } from './migration-action.ts';
export type { MigrationState, MigrationRoom, MigrationUser } from './migration-state.ts';
export { planTenantIdMigration, targetMemberId, userBatchSize } from './plan-tenant-id-migration.ts';
export { readMigrationState, type MigrationDeps } from './read-migration-state.ts';
export { readRoomChannels } from './read-room-channels.ts';
export { readStreamUsers } from './read-stream-users.ts';
export { applyTenantIdMigration } from './apply-tenant-id-migration.ts';
export { roomFailureThreshold, type MigrationOutcome, type MigrationReport } from './migration-report.ts';
export { describeMigrationAction, describeLeftRoom } from './describe-migration-action.ts';
export { migrateTenantIds, type MigrationRun } from './migrate-tenant-ids.ts';
export { migrateStreamIdsCli, MIGRATE_EXIT, MIGRATE_USAGE, type MigrateIo } from './migrate-stream-ids-cli.ts';
