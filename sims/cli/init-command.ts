/**
 * `syncsim init`: a starter syncsim.config.ts and one example scenario in the current project.
 * It never overwrites: if either file exists, nothing is written and the error names it.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE } from '../project/load-project.ts';
import { CliError } from './cli-error.ts';
import { EXAMPLE_SCENARIO, STARTER_CONFIG } from './init-templates.ts';
import { parseFlags } from './parse-flags.ts';
import { USAGE } from './usage.ts';

const EXAMPLE_FILE = 'scenarios/example/counter.scenario.ts';
/** Where projects usually keep plain .sql migrations; the first that exists is used. */
const MIGRATION_FOLDERS = ['migrations', 'db/migrations', 'src/db/migrations', 'sql/migrations'];

export function initCommand(args: string[], out: (line: string) => void, root = process.cwd()): number {
  const { values, positionals } = parseFlags('init', args, []);
  if (values.help) {
    out(USAGE.init ?? '');
    return 0;
  }
  if (positionals.length > 0) throw new CliError(`init takes no arguments, got ${positionals.join(' ')}`);
  for (const file of [CONFIG_FILE, EXAMPLE_FILE])
    if (existsSync(join(root, file))) throw new CliError(`init: ${file} already exists; nothing was written`);
  const found = MIGRATION_FOLDERS.find((dir) => existsSync(join(root, dir)) && statSync(join(root, dir)).isDirectory());
  writeFileSync(join(root, CONFIG_FILE), STARTER_CONFIG(found ?? 'migrations', found !== undefined));
  mkdirSync(dirname(join(root, EXAMPLE_FILE)), { recursive: true });
  writeFileSync(join(root, EXAMPLE_FILE), EXAMPLE_SCENARIO);
  out(`wrote ${CONFIG_FILE} and ${EXAMPLE_FILE}`);
  if (!found) out('next: put your .sql migrations in migrations/ (or set migrations in syncsim.config.ts)');
  out('then: npx syncsim list, npx syncsim run counter:naive, npx syncsim check');
  return 0;
}
