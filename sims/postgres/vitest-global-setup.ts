// One Postgres server per vitest run, started before any test file and stopped after the
// last: the migrated template is built once here and every test file clones it
// (useTestDatabase). A missing or failing migrations folder does not abort the run (tests
// that need no database still run); useTestDatabase() then fails with the reason.
// Runs in vitest's main process: nothing here may import 'vitest' at runtime.
import type { TestProject } from 'vitest/node';
import { defaultMigrationsDir } from './default-migrations-dir.ts';
import { ensureTemplate } from './ensure-template.ts';
import { loadMigrations } from './load-migrations.ts';
import { preparedPostgres } from './prepared-postgres.ts';
import type { ProvidedPostgres } from './provided-postgres.ts';
import { startPostgres } from './start-postgres.ts';

function log(line: string): void {
  console.log(`[syncsim] ${line}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Under `syncsim check` the server and template are ready (and owned by the command).
  const prepared = preparedPostgres();
  if (prepared) {
    const { server, migrationsDir, template } = prepared;
    const provided: ProvidedPostgres = {
      kind: server.kind,
      adminUrl: server.adminUrl,
      version: server.version,
      migrationsDir,
      template,
      templateError: null,
    };
    project.provide('syncsimPostgres', provided);
    return () => Promise.resolve();
  }
  const server = await startPostgres({ log }).catch((error: unknown) => {
    // Bad SYNCSIM_POSTGRES / DATABASE_URL, or no server: one line, exit 3, not a stack per run.
    // (Nothing else has started yet; process.exit is how a global setup stops vitest at once.)
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[syncsim] ${message.split('\n')[0] ?? message}`);
    process.exit(3);
  });
  // Ctrl-C of `npm test`: vitest exits right after its own listener runs, so say so now and
  // start the stop; the watchdogs (spawn-reaper.ts, session-dir-reaper.ts) finish what it cannot.
  const onSignal = (signal: NodeJS.Signals) => {
    log(`interrupted (${signal}): stopping Postgres`);
    void server.stop();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stop = async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server.stop();
  };
  try {
    const migrationsDir = defaultMigrationsDir();
    let template: string | null = null;
    let templateError: string | null = null;
    try {
      template = await ensureTemplate(server, await loadMigrations(migrationsDir));
      log(`postgres: template ${template} from ${migrationsDir}`);
    } catch (error) {
      templateError = error instanceof Error ? error.message : String(error);
      log(`postgres: no template, tests calling useTestDatabase() will fail: ${templateError}`);
    }
    const provided: ProvidedPostgres = {
      kind: server.kind,
      adminUrl: server.adminUrl,
      version: server.version,
      migrationsDir,
      template,
      templateError,
    };
    project.provide('syncsimPostgres', provided);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
