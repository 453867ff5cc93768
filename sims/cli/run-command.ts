import { writeFile } from 'node:fs/promises';
import { scenarios } from '../../scenarios/index.ts';
import { formatRun } from '../report/format-run.ts';
import { replayCommand } from '../report/replay-command.ts';
import { EXIT_CODES } from '../runner/run-result.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { CliError } from './cli-error.ts';
import { findScenario } from './find-scenario.ts';
import { migrationsDir, outputFile, parseFlags, parseInteger, parsePath } from './parse-flags.ts';
import { progressLine } from './progress.ts';
import { USAGE } from './usage.ts';
import { withDatabase } from './with-database.ts';

export async function runCommand(
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const { values, positionals, switches } = parseFlags(
    'run',
    args,
    ['seed', 'path', 'runs', 'json', 'migrations', 'max-steps'],
    ['verify-determinism'],
  );
  if (values.help) {
    out(USAGE.run ?? '');
    return 0;
  }
  if (positionals.length > 1)
    throw new CliError(`run takes one scenario, got ${positionals.length}: ${positionals.join(' ')}`);
  const { scenario, variant } = findScenario(scenarios, positionals[0], 'run');
  const seed = parseInteger('--seed', values.seed, -2147483648);
  const path = parsePath(values.path);
  if (path !== undefined && seed === undefined) throw new CliError('--path needs the --seed it came from');
  const runs = parseInteger('--runs', values.runs, 1);
  if (path !== undefined && runs !== undefined) throw new CliError('--path replays one case; drop --runs');
  const maxSteps = parseInteger('--max-steps', values['max-steps'], 1);
  const json = outputFile('--json', values.json);
  const migrations = migrationsDir(values.migrations);
  if (migrations) process.env.SYNCSIM_MIGRATIONS = migrations;

  const total = path !== undefined ? 1 : (runs ?? scenario.runs ?? 100);
  const progress = progressLine(`${scenario.id}:${variant}`, total, err);
  const result = await withDatabase(err, (engine) =>
    runScenario(scenario, variant, engine, {
      ...(seed !== undefined ? { seed } : {}),
      ...(path !== undefined ? { path } : {}),
      ...(runs !== undefined ? { runs } : {}),
      ...(maxSteps !== undefined ? { maxSteps } : {}),
      verifyDeterminism: switches.has('verify-determinism'),
      onCase: progress.update,
    }),
  );
  progress.done();
  out(formatRun(result));
  if (json) await writeFile(json, JSON.stringify({ ...result, replay: replayCommand(result) }, null, 2) + '\n');
  return EXIT_CODES[result.status];
}
