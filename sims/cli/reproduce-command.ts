import { ConsoleReporter } from '../report/console-reporter.ts';
import { JsonReporter } from '../report/json-reporter.ts';
import { Reporting, variantOutcome } from '../report/reporter.ts';
import type { RunResult } from '../runner/run-result.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { variantRuns } from '../runner/variant-runs.ts';
import { CliError } from './cli-error.ts';
import { findScenario } from './find-scenario.ts';
import { openProject, projectScenarios } from './open-project.ts';
import { migrationsDir, outputFile, parseFlags } from './parse-flags.ts';
import { progressLine } from './progress.ts';
import { USAGE } from './usage.ts';
import { withDatabase } from './with-database.ts';

export async function reproduceCommand(
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const { values, positionals } = parseFlags('reproduce', args, ['json', 'migrations']);
  if (values.help) {
    out(USAGE.reproduce ?? '');
    return 0;
  }
  if (positionals.length !== 1 || positionals[0]?.includes(':'))
    throw new CliError('reproduce takes one scenario id (all its variants run)');
  const { scenario } = findScenario(await projectScenarios(await openProject()), positionals[0], 'reproduce');
  const json = outputFile('--json', values.json);
  const migrations = migrationsDir(values.migrations);
  if (migrations) process.env.SYNCSIM_MIGRATIONS = migrations;

  const reporting = new Reporting([new ConsoleReporter(out), ...(json ? [new JsonReporter(json)] : [])]);
  reporting.begin('reproduce');
  const results = await withDatabase(err, async (engine) => {
    const all: RunResult[] = [];
    for (const variant of Object.keys(scenario.variants)) {
      const runs = variantRuns(scenario, variant);
      const progress = progressLine(`${scenario.id}:${variant}`, runs, err);
      const result = await runScenario(scenario, variant, engine, { runs, onCase: progress.update });
      progress.done();
      reporting.outcome(variantOutcome(result));
      all.push(result);
    }
    return all;
  });

  const exitCode = results.every((r) => r.met) ? 0 : results.some((r) => r.status === 'error') ? 3 : 1;
  const verdict = exitCode === 0 ? 'held' : exitCode === 3 ? 'error' : 'broken';
  await reporting.end({ command: 'reproduce', title: `${scenario.id}: ${scenario.title}`, verdict, exitCode });
  return exitCode;
}
