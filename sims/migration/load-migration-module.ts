/**
 * `<migration>` of validate-migration: a built-in name the world's scenario binds (sims/ may not
 * import src/, so `stream-ids` resolves through the scenario that declares it), else the path of
 * a user's own module, loaded and checked against the contract (migration-module.ts). The CLI
 * passes the importer it loads scenarios with (tsx, ESM or CommonJS as the project says), so a
 * module in TypeScript loads wherever a scenario does.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from '../cli/cli-error.ts';
import { checkMigrationModule, type MigrationModule } from './migration-module.ts';

export async function loadMigrationModule(
  spec: string,
  builtins: Readonly<Record<string, MigrationModule<never>>>,
  cwd: string,
  importFile: (url: string) => Promise<unknown> = (url) => import(url),
): Promise<MigrationModule<unknown>> {
  const builtin = builtins[spec];
  if (builtin) return builtin;
  const file = resolve(cwd, spec);
  if (!existsSync(file))
    throw new CliError(
      `unknown migration '${spec}': neither a built-in (${Object.keys(builtins).join(', ') || 'none'}) nor a file`,
    );
  let loaded: { default?: unknown };
  try {
    loaded = (await importFile(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new CliError(
      `migration module ${spec} does not load: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return checkMigrationModule(loaded.default, `migration module ${spec}`);
}
