// Public API of Postgres provisioning: start a server, build the migrated template once,
// clone a database per test file, reset it per case.
export type { PostgresKind, PostgresServer } from './postgres-server.ts';
export type { StartPostgresOptions } from './start-postgres.ts';
export { startPostgres } from './start-postgres.ts';
export type { Migrations } from './load-migrations.ts';
export { loadMigrations } from './load-migrations.ts';
export { defaultMigrationsDir } from './default-migrations-dir.ts';
export { MigrationError } from './migration-error.ts';
export { ensureTemplate } from './ensure-template.ts';
export { templateName } from './template-name.ts';
export type { TestDatabase } from './create-test-database.ts';
export { createTestDatabase } from './create-test-database.ts';
export { resetDatabase } from './reset-database.ts';
export { useTestDatabase } from './use-test-database.ts';
export type { ProvidedPostgres } from './provided-postgres.ts';
