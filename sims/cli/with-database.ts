/**
 * For `run` and `reproduce`: one Postgres server (chosen as the README says), the migrated
 * template, one database cloned from it, and the case engine on top. Everything is torn down
 * afterwards, on error, and on Ctrl-C.
 */
import {
  createTestDatabase,
  defaultMigrationsDir,
  ensureTemplate,
  loadMigrations,
  startPostgres,
} from '../postgres/index.ts';
import { openCaseEngine, type CaseEngine } from '../runner/case-engine.ts';

export async function withDatabase<T>(
  log: (line: string) => void,
  work: (engine: CaseEngine) => Promise<T>,
): Promise<T> {
  const server = await startPostgres({ log });
  const onSignal = () => {
    log('interrupted: stopping Postgres');
    void server.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const migrations = await loadMigrations(defaultMigrationsDir());
    const template = await ensureTemplate(server, migrations);
    await using database = await createTestDatabase(server, template, 'cli');
    await using engine = await openCaseEngine(database.url, { localBackends: server.kind === 'embedded' });
    return await work(engine);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server.stop();
  }
}
