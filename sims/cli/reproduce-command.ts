import { defaultMigrationsDir } from '../postgres/index.ts';
import { ConsoleReporter } from '../report/console-reporter.ts';
import { HtmlReporter } from '../report/html-reporter.ts';
import { JsonReporter } from '../report/json-reporter.ts';
import { Reporting, variantOutcome } from '../report/reporter.ts';
import { TraceReporter } from '../report/trace-reporter.ts';
import type { RunResult } from '../runner/run-result.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { variantRuns } from '../runner/variant-runs.ts';
import { checkEnvironment } from './check-environment.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { EXIT, exitCodeOfStatus, reproduceOutcome } from './exit-codes.ts';
import { findScenario } from './find-scenario.ts';
import { openProject, projectScenarios } from './open-project.ts';
import { migrationsDir, outputFile, parseFlags } from './parse-flags.ts';
import { progressLine } from './progress.ts';
import { USAGE } from './usage.ts';
import { withDatabase } from './with-database.ts';

export async function reproduceCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('reproduce', args, ['json', 'html', 'trace', 'migrations']);
  if (values.help) {
    cli.out(USAGE.reproduce ?? '');
    return EXIT.ok;
  }
  if (positionals.length !== 1 || positionals[0]?.includes(':'))
    throw new CliError('reproduce takes one scenario id (all its variants run)');
  const json = outputFile('--json', values.json);
  const html = outputFile('--html', values.html);
  const trace = outputFile('--trace', values.trace);
  const project = await openProject(cli.cwd, cli.env);
  const env = checkEnvironment(cli.env);
  const migrations =
    migrationsDir('--migrations', values.migrations) ?? env.migrations ?? defaultMigrationsDir(cli.env);

  const { scenario } = findScenario(await projectScenarios(project), positionals[0], 'reproduce');
  const reporting = new Reporting([
    new ConsoleReporter(cli.out),
    ...(json ? [new JsonReporter(json)] : []),
    ...(html ? [new HtmlReporter(html)] : []),
    ...(trace ? [new TraceReporter(trace)] : []),
  ]);
  reporting.begin('reproduce');
  const guard = cli.guard(scenario.id);
  let results: RunResult[];
  try {
    results = await withDatabase(cli, guard, migrations, async (engine) => {
      const all: RunResult[] = [];
      for (const variant of Object.keys(scenario.variants)) {
        const runs = variantRuns(scenario, variant);
        const progress = progressLine(`${scenario.id}:${variant}`, runs, cli);
        const result = await runScenario(scenario, variant, engine, { runs, onCase: progress.update });
        progress.done();
        reporting.outcome(variantOutcome(result));
        all.push(result);
      }
      return all;
    });
  } finally {
    guard.dispose();
  }

  const verdict = reproduceOutcome(results);
  const exitCode = exitCodeOfStatus(verdict);
  await reporting.end({ command: 'reproduce', title: `${scenario.id}: ${scenario.title}`, verdict, exitCode });
  return exitCode;
}
