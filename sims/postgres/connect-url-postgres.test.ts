import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createTestDatabase } from './create-test-database.ts';
import { ensureTemplate } from './ensure-template.ts';
import { scratchMigrations } from './fixtures/scratch-migrations.ts';
import { loadMigrations } from './load-migrations.ts';
import { startPostgres } from './start-postgres.ts';

// The run's own server stands in for "a server someone else owns", reached through DATABASE_URL.
const provided = inject('syncsimPostgres');
let admin: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: provided.adminUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
});

async function exists(name: string): Promise<boolean> {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rowCount === 1;
}

describe('startPostgres with DATABASE_URL', () => {
  it('uses the URL as given; stop() drops only the databases this process created and did not drop', async () => {
    vi.stubEnv('DATABASE_URL', provided.adminUrl);
    vi.stubEnv('SYNCSIM_POSTGRES', '');
    const lines: string[] = [];
    const server = await startPostgres({ log: (line) => lines.push(line) });
    expect(server.kind).toBe('url');
    expect(server.adminUrl).toBe(provided.adminUrl);
    expect(server.version).toBe(provided.version);
    expect(lines[0]).toBe('postgres: using url (DATABASE_URL is set)');

    await using folder = await scratchMigrations({ '001.sql': `-- url test ${process.pid}\ncreate table t (id int);` });
    const template = await ensureTemplate(server, await loadMigrations(folder.dir));
    const kept = await createTestDatabase(server, template, 'kept');
    const dropped = await createTestDatabase(server, template, 'dropped');
    await dropped.drop();
    await admin.query('CREATE DATABASE syncsim_not_ours');
    try {
      await Promise.all([server.stop(), server.stop()]);
      expect(await exists(kept.name)).toBe(false);
      expect(await exists(template)).toBe(true);
      expect(await exists('syncsim_not_ours')).toBe(true);
      expect(await exists('postgres')).toBe(true);
    } finally {
      await admin.query('DROP DATABASE IF EXISTS syncsim_not_ours');
    }
  });
});
