// Applies each migration file in its own transaction, so a failure leaves the database at the
// last good file and the error names the file that broke. Files run as one simple-protocol
// query (several statements allowed). Statements that refuse to run in a transaction block
// (CREATE INDEX CONCURRENTLY, VACUUM) are not supported by this runner.
import type pg from 'pg';
import type { Migrations } from './load-migrations.ts';
import { MigrationError, type PostgresErrorFields } from './migration-error.ts';

export async function applyMigrations(client: pg.ClientBase, migrations: Migrations): Promise<void> {
  for (const file of migrations.files) {
    await client.query('BEGIN');
    try {
      await client.query(file.sql);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const fields: PostgresErrorFields = error instanceof Error ? error : { message: String(error) };
      throw new MigrationError(migrations.dir, file.name, file.sql, fields);
    }
  }
}
