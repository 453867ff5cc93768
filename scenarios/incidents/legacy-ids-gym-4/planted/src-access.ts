// What the planted mutants take from src/chat: the real module's parts, so each mutant differs
// from it only where its comment says.
export {
  applyTenantIdMigration,
  migrateTenantIds,
  planTenantIdMigration,
  readMigrationState,
  type MigrationAction,
  type MigrationDeps,
  type MigrationOutcome,
  type MigrationRun,
} from '../../../../src/chat/index.ts';
export { getListedChannel as getListedChannelForTest } from '../../../../src/chat/get-listed-channel.ts';
