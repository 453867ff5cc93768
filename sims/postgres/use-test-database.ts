// The one call a vitest test file needs: `const db = await useTestDatabase()` (at top level, in
// a hook or in a test) gives the file its own clone of the migrated template, created on first
// use and shared by the file's tests, and drops it after the file's last afterAll hook.
// Reset between cases with resetDatabase().
//
// The drop hook is registered when this module is evaluated, i.e. while vitest collects the
// test file that imports it: an afterAll registered later (from inside a beforeAll or a test)
// is silently never run by vitest 4. That relies on vitest's default isolate: true (a fresh
// module per test file). Outside vitest (CLI, bench) 'vitest' is not even loaded.
import type { TestDatabase } from './create-test-database.ts';
import { createTestDatabase } from './create-test-database.ts';
import { serverFromProvided } from './provided-postgres.ts';

const vitest = process.env['VITEST'] ? await import('vitest') : undefined;

let pending: Promise<TestDatabase> | undefined;

vitest?.afterAll(async () => {
  const created = pending;
  pending = undefined;
  const database = await created?.catch(() => undefined);
  // Registered first, so it runs after the file's own afterAll hooks have closed their clients.
  await database?.drop();
});

function fileLabel(): string | undefined {
  const testPath = vitest?.expect.getState().testPath;
  return testPath
    ?.split(/[\\/]/)
    .at(-1)
    ?.replace(/\.test\.ts$/, '');
}

async function create(): Promise<TestDatabase> {
  if (!vitest)
    throw new Error(
      'useTestDatabase() works inside vitest only; elsewhere use startPostgres + ensureTemplate + createTestDatabase',
    );
  const provided = vitest.inject('syncsimPostgres');
  if (!provided) {
    throw new Error(
      'no Postgres was provided: run through vitest with sims/postgres/vitest-global-setup.ts as globalSetup',
    );
  }
  if (provided.template === null) {
    throw new Error(`no migrated template database for this run: ${provided.templateError ?? 'unknown reason'}`);
  }
  return createTestDatabase(serverFromProvided(provided), provided.template, fileLabel());
}

export function useTestDatabase(): Promise<TestDatabase> {
  pending ??= create();
  return pending;
}
