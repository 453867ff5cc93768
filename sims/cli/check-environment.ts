/**
 * The environment variables syncsim reads, checked before anything starts: a bad value is a
 * one-line CliError naming the variable (exit 3), not a stack from inside a connect or a vitest
 * global setup. Empty counts as unset, as the Postgres chooser reads them.
 */
import { databaseUrlProblem } from '../postgres/database-url-problem.ts';
import { parseSeed } from '../testing/run-seed.ts';
import { CliError, quote } from './cli-error.ts';
import { migrationsDir } from './parse-flags.ts';

const POSTGRES_KINDS = ['auto', 'url', 'testcontainers', 'embedded'];

export interface CheckedEnvironment {
  /** SYNCSIM_MIGRATIONS, resolved, when set. */
  migrations?: string;
  /** SYNCSIM_SEED, when set and asked for. */
  seed?: number;
}

export function checkEnvironment(env: NodeJS.ProcessEnv, options: { seed?: boolean } = {}): CheckedEnvironment {
  const mode = env['SYNCSIM_POSTGRES'] || 'auto';
  if (!POSTGRES_KINDS.includes(mode))
    throw new CliError(`SYNCSIM_POSTGRES must be one of ${POSTGRES_KINDS.join(', ')}, got ${quote(mode)}`);
  const url = env['DATABASE_URL'];
  if (mode === 'url' && !url) throw new CliError('SYNCSIM_POSTGRES=url needs DATABASE_URL');
  // DATABASE_URL is only read when the chooser may pick it.
  if (url && (mode === 'auto' || mode === 'url')) {
    const problem = databaseUrlProblem(url);
    if (problem) throw new CliError(problem);
  }
  const checked: CheckedEnvironment = {};
  const migrations = migrationsDir('SYNCSIM_MIGRATIONS', env['SYNCSIM_MIGRATIONS'] || undefined);
  if (migrations !== undefined) checked.migrations = migrations;
  const seed = env['SYNCSIM_SEED'];
  if (options.seed && seed !== undefined) {
    try {
      checked.seed = parseSeed(seed, 'SYNCSIM_SEED');
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  }
  return checked;
}
