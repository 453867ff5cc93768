// The schema the harness tests against is the application's own (src/db/migrations); a user
// validating another folder (a branch's migrations, a scenario's fixture) sets SYNCSIM_MIGRATIONS.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** SYNCSIM_MIGRATIONS (resolved against the cwd) when set, else <repo>/src/db/migrations. */
export function defaultMigrationsDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['SYNCSIM_MIGRATIONS'];
  if (fromEnv) return path.resolve(fromEnv);
  return fileURLToPath(new URL('../../src/db/migrations', import.meta.url));
}
