// Migrations run once per schema version, not once per test: the migrated schema becomes a
// template database named by the migrations hash, and every test database is a file copy of
// it (create-test-database.ts). Safe for concurrent runs against one server (an advisory lock
// serialises builders; latecomers find it complete), and a crashed or failed build is never
// mistaken for a good one (the "complete" marker is written last).
import pg from 'pg';
import type { PostgresServer } from './postgres-server.ts';
import type { Migrations } from './load-migrations.ts';
import { applyMigrations } from './apply-migrations.ts';
import { dropDatabase } from './drop-database.ts';
import { installResetSql } from './install-reset-sql.ts';
import { templateName } from './template-name.ts';
import { waitForNoConnections } from './wait-for-no-connections.ts';

// Bump when what a template contains changes (e.g. the reset generator), so old templates on
// long-lived servers are rebuilt instead of reused.
const templateFormat = 'syncsim-template-v2';

async function isComplete(admin: pg.Client, name: string, marker: string): Promise<boolean> {
  const { rows } = await admin.query<{ datistemplate: boolean; marker: string | null }>(
    "SELECT datistemplate, shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1",
    [name],
  );
  return rows[0]?.datistemplate === true && rows[0].marker === marker;
}

async function exists(admin: pg.Client, name: string): Promise<boolean> {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return (rowCount ?? 0) > 0;
}

async function discard(admin: pg.Client, server: PostgresServer, name: string): Promise<void> {
  if (!(await exists(admin, name))) return;
  await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(name)} WITH IS_TEMPLATE false ALLOW_CONNECTIONS true`);
  await dropDatabase(server, name);
}

// Same text ordering everywhere (code point order), whatever locale the server was built with:
// a history must not depend on whether the host sorts 'a' before 'B'.
function creationOptions(version: number): string {
  const locale =
    version >= 17 ? "LOCALE_PROVIDER builtin BUILTIN_LOCALE 'C.UTF-8' LOCALE 'C'" : "LC_COLLATE 'C' LC_CTYPE 'C'";
  return `TEMPLATE template0 ENCODING 'UTF8' ${locale}${version >= 15 ? ' STRATEGY FILE_COPY' : ''}`;
}

/** Returns the template database name (syncsim_tpl_<hash12>), building it if needed. */
export async function ensureTemplate(server: PostgresServer, migrations: Migrations): Promise<string> {
  const name = templateName(migrations);
  const marker = `${templateFormat} ${migrations.hash}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    if (await isComplete(admin, name, marker)) return name;
    const lockKey = BigInt.asIntN(64, BigInt(`0x${migrations.hash.slice(0, 16)}`)).toString();
    await admin.query('SELECT pg_advisory_lock($1::bigint)', [lockKey]);
    try {
      if (await isComplete(admin, name, marker)) return name;
      await discard(admin, server, name);
      const database = admin.escapeIdentifier(name);
      await admin.query(`CREATE DATABASE ${database} ${creationOptions(server.version)}`);
      try {
        const target = new pg.Client({ connectionString: server.urlFor(name) });
        await target.connect();
        try {
          await applyMigrations(target, migrations);
          await target.query(installResetSql);
          await target.query('SELECT syncsim.install_reset()');
        } finally {
          await target.end();
        }
        // A clone from a template that still has a session waits (or fails): be sure ours is gone.
        if (!(await waitForNoConnections(admin, name, 5_000))) {
          throw new Error(`template ${name} still has connections after migrating`);
        }
        await admin.query(`ALTER DATABASE ${database} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
        await admin.query(`COMMENT ON DATABASE ${database} IS ${admin.escapeLiteral(marker)}`);
      } catch (error) {
        await discard(admin, server, name).catch(() => undefined);
        throw error;
      }
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey]).catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
}
