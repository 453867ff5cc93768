import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const provided = inject('syncsimPostgres');
const seen = { name: '' };

// Registered BEFORE use-test-database.ts is evaluated (it is imported below), so with vitest's
// default stack order this hook runs AFTER the module's drop hook and can observe the drop.
afterAll(async () => {
  if (provided.template === null) return;
  expect(seen.name).not.toBe('');
  const admin = new pg.Client({ connectionString: provided.adminUrl });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [seen.name]);
  await admin.end();
  expect(rowCount).toBe(0);
});

const { useTestDatabase } = await import('./use-test-database.ts');

describe.runIf(provided.template !== null)('useTestDatabase with the migrated template', () => {
  beforeAll(async () => {
    // Called from a hook, as scenario test files do.
    seen.name = (await useTestDatabase()).name;
  });

  it('gives this file one database, cloned from the run template, and it exists until the file ends', async () => {
    const first = await useTestDatabase();
    const second = await useTestDatabase();
    expect(second).toBe(first);
    expect(first.name).toBe(seen.name);
    expect(first.name).toMatch(/^syncsim_t_\d+_\d+_use_test_database$/);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'syncsim' AND p.proname = 'reset'",
    );
    await client.end();
    expect(rows[0]?.n).toBe(1);
  });
});

describe.runIf(provided.template === null)('useTestDatabase without a template', () => {
  it('fails with the reason the global setup recorded', async () => {
    await expect(useTestDatabase()).rejects.toThrow(provided.templateError ?? 'unreachable');
  });
});
