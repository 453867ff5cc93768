/**
 * For `run` and `reproduce`: one Postgres server (chosen as the README says), the migrated
 * template, one database cloned from it, and the case engine on top. Everything is torn down
 * afterwards, on error, and on Ctrl-C (through the command's interrupt guard).
 *
 * The server's log lines are held back until the template is built: a run that cannot start
 * (unreachable DATABASE_URL, a migration that fails) prints the one line naming the problem
 * and nothing else.
 */
import {
  createTestDatabase,
  ensureTemplate,
  loadMigrations,
  startPostgres,
  type PostgresServer,
} from '../postgres/index.ts';
import { openCaseEngine, type CaseEngine } from '../runner/case-engine.ts';
import type { CliContext } from './cli-context.ts';
import { usageErrorFrom } from './cli-error.ts';
import type { InterruptGuard } from './interrupt-guard.ts';

export async function withDatabase<T>(
  cli: CliContext,
  guard: InterruptGuard,
  migrationsDir: string,
  work: (engine: CaseEngine) => Promise<T>,
): Promise<T> {
  const startup: string[] = [];
  const server = await startPostgres({ log: (line) => startup.push(line), env: cli.env }).catch((error: unknown) => {
    throw usageErrorFrom(error);
  });
  const forget = guard.onStop(() => server.stop());
  try {
    const template = await buildTemplate(server, migrationsDir);
    for (const line of startup) cli.err(line);
    await using database = await createTestDatabase(server, template, 'cli');
    await using engine = await openCaseEngine(database.url, { localBackends: server.kind === 'embedded' });
    const forgetEngine = guard.onStop(() => engine.close());
    try {
      return await work(engine);
    } finally {
      forgetEngine();
    }
  } finally {
    forget();
    await server.stop();
  }
}

async function buildTemplate(server: PostgresServer, dir: string): Promise<string> {
  try {
    return await ensureTemplate(server, await loadMigrations(dir));
  } catch (error) {
    throw usageErrorFrom(error);
  }
}
