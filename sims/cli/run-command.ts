import { ConsoleReporter } from '../report/console-reporter.ts';
import { JsonReporter } from '../report/json-reporter.ts';
import { Reporting, variantOutcome } from '../report/reporter.ts';
import { EXIT_CODES } from '../runner/run-result.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { variantRuns } from '../runner/variant-runs.ts';
import { CliError } from './cli-error.ts';
import { findScenario } from './find-scenario.ts';
import { openProject, projectScenarios } from './open-project.ts';
import { migrationsDir, outputFile, parseFlags, parseInteger, parsePath } from './parse-flags.ts';
import { progressLine } from './progress.ts';
import { USAGE } from './usage.ts';
import { withDatabase } from './with-database.ts';

export async function runCommand(
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const { values, positionals } = parseFlags('run', args, ['seed', 'path', 'runs', 'json', 'migrations']);
  if (values.help) {
    out(USAGE.run ?? '');
    return 0;
  }
  if (positionals.length > 1)
    throw new CliError(`run takes one scenario, got ${positionals.length}: ${positionals.join(' ')}`);
  const { scenario, variant } = findScenario(await projectScenarios(await openProject()), positionals[0], 'run');
  const seed = parseInteger('--seed', values.seed, -2147483648);
  const path = parsePath(values.path);
  if (path !== undefined && seed === undefined) throw new CliError('--path needs the --seed it came from');
  const runs = parseInteger('--runs', values.runs, 1);
  if (path !== undefined && runs !== undefined) throw new CliError('--path replays one case; drop --runs');
  const json = outputFile('--json', values.json);
  const migrations = migrationsDir(values.migrations);
  if (migrations) process.env.SYNCSIM_MIGRATIONS = migrations;

  const reporting = new Reporting([new ConsoleReporter(out), ...(json ? [new JsonReporter(json)] : [])]);
  reporting.begin('run');
  const total = path !== undefined ? 1 : (runs ?? variantRuns(scenario, variant));
  const progress = progressLine(`${scenario.id}:${variant}`, total, err);
  const result = await withDatabase(err, (engine) =>
    runScenario(scenario, variant, engine, {
      ...(seed !== undefined ? { seed } : {}),
      ...(path !== undefined ? { path } : {}),
      ...(path === undefined ? { runs: total } : {}),
      onCase: progress.update,
    }),
  );
  progress.done();
  reporting.outcome(variantOutcome(result));
  await reporting.end({ command: 'run', verdict: result.status, exitCode: EXIT_CODES[result.status] });
  return EXIT_CODES[result.status];
}
