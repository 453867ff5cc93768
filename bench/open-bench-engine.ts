/**
 * What every bench that runs cases starts with: a Postgres (embedded by default, as `check`
 * chooses), the migrated template, a database cloned from it and a case engine on it, disposed
 * in reverse order. One place, so the benches cannot drift from each other in how they set up.
 */
import {
  createTestDatabase,
  defaultMigrationsDir,
  ensureTemplate,
  loadMigrations,
  startPostgres,
} from '../sims/postgres/index.ts';
import { openCaseEngine, type CaseEngine } from '../sims/runner/case-engine.ts';
import type { BridgeTimings } from '../sims/schedule/bridge-timings.ts';

export interface BenchEngine extends AsyncDisposable {
  readonly server: Awaited<ReturnType<typeof startPostgres>>;
  /** The migrated template the database was cloned from (more streams clone it too). */
  readonly template: string;
  readonly database: Awaited<ReturnType<typeof createTestDatabase>>;
  readonly engine: CaseEngine;
}

export async function openBenchEngine(name: string, options: { timings?: BridgeTimings } = {}): Promise<BenchEngine> {
  const server = await startPostgres({ log: () => undefined });
  try {
    const template = await ensureTemplate(server, await loadMigrations(defaultMigrationsDir()));
    const database = await createTestDatabase(server, template, name);
    const engine = await openCaseEngine(database.url, { localBackends: server.kind === 'embedded', ...options });
    return {
      server,
      template,
      database,
      engine,
      async [Symbol.asyncDispose]() {
        await engine[Symbol.asyncDispose]();
        await database[Symbol.asyncDispose]();
        await server[Symbol.asyncDispose]();
      },
    };
  } catch (error) {
    await server[Symbol.asyncDispose]();
    throw error;
  }
}
