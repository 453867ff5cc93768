import { defaultMigrationsDir } from '../postgres/index.ts';
import { ConsoleReporter } from '../report/console-reporter.ts';
import { HtmlReporter } from '../report/html-reporter.ts';
import { JsonReporter } from '../report/json-reporter.ts';
import { Reporting, variantOutcome } from '../report/reporter.ts';
import { replayCommand } from '../report/replay-command.ts';
import { TraceReporter } from '../report/trace-reporter.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { variantRuns } from '../runner/variant-runs.ts';
import { drawRunSeed } from '../testing/run-seed.ts';
import { checkEnvironment } from './check-environment.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { EXIT, exitCodeOfStatus, runOutcome } from './exit-codes.ts';
import { findScenario } from './find-scenario.ts';
import { openProject, projectScenarios } from './open-project.ts';
import { migrationsDir, outputFile, parseCaseFlags, parseFlags, parseScheduleFlag } from './parse-flags.ts';
import { progressLine } from './progress.ts';
import { USAGE } from './usage.ts';
import { withDatabase } from './with-database.ts';

export async function runCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseFlags(
    'run',
    args,
    ['seed', 'path', 'runs', 'json', 'html', 'trace', 'migrations', 'max-steps', 'schedule'],
    ['verify-determinism'],
  );
  if (values.help) {
    cli.out(USAGE.run ?? '');
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new CliError(`run takes one scenario, got ${positionals.length}: ${positionals.join(' ')}`);
  const { seed: given, path, runs, maxSteps } = parseCaseFlags(values);
  const schedule = parseScheduleFlag(values.schedule, path);
  const json = outputFile('--json', values.json);
  const html = outputFile('--html', values.html);
  const trace = outputFile('--trace', values.trace);
  // Flags first, then the project's config (it fills in migrations and Postgres) and every check
  // of the environment, and only then the scenario files: bad input is one line before any loading.
  const project = await openProject(cli.cwd, cli.env);
  const env = checkEnvironment(cli.env);
  const migrations =
    migrationsDir('--migrations', values.migrations) ?? env.migrations ?? defaultMigrationsDir(cli.env);
  const { scenario, variant } = findScenario(await projectScenarios(project), positionals[0], 'run');
  // Drawn here rather than by fast-check, so an interrupted run can still name its seed.
  const seed = given ?? drawRunSeed();

  const reporting = new Reporting([
    new ConsoleReporter(cli.out),
    ...(json ? [new JsonReporter(json)] : []),
    ...(html ? [new HtmlReporter(html)] : []),
    ...(trace ? [new TraceReporter(trace)] : []),
  ]);
  reporting.begin('run');
  const total = path !== undefined ? 1 : (runs ?? variantRuns(scenario, variant));
  const progress = progressLine(`${scenario.id}:${variant}`, total, cli);
  const guard = cli.guard(`${scenario.id}:${variant}`);
  let found: { path: string; broken: string[]; counts: boolean } | undefined;
  guard.report(() => {
    if (found === undefined) return [];
    return [
      `  found before the interrupt: ${found.broken.join(', ')} at case ${found.path} (not shrunk)`,
      `  replay: ${replayCommand({ scenario: scenario.id, variant, seed, path: found.path, ...(maxSteps !== undefined ? { maxSteps } : {}) })}`,
    ];
  });
  try {
    const result = await withDatabase(cli, guard, migrations, (engine) =>
      runScenario(scenario, variant, engine, {
        seed,
        ...(path !== undefined ? { path } : { runs: total }),
        ...(maxSteps !== undefined ? { maxSteps } : {}),
        ...(schedule !== undefined ? { schedule } : {}),
        verifyDeterminism: values['verify-determinism'] === true,
        onCase: progress.update,
        onFailure: (failure) => {
          if (found === undefined || (!found.counts && failure.counts)) found = failure;
        },
      }),
    );
    progress.done();
    const exitCode = exitCodeOfStatus(runOutcome(result));
    reporting.outcome(variantOutcome(result));
    await reporting.end({ command: 'run', verdict: result.status, exitCode });
    return exitCode;
  } finally {
    guard.dispose();
  }
}
