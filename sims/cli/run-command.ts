import { writeFile } from 'node:fs/promises';
import { scenarios } from '../../scenarios/index.ts';
import { defaultMigrationsDir } from '../postgres/index.ts';
import { formatRun } from '../report/format-run.ts';
import { replayCommand } from '../report/replay-command.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { drawRunSeed } from '../testing/run-seed.ts';
import { checkEnvironment } from './check-environment.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { EXIT, exitCodeOfStatus, runOutcome } from './exit-codes.ts';
import { findScenario } from './find-scenario.ts';
import { migrationsDir, outputFile, parseFlags, parseInteger, parsePath, parseSeedFlag } from './parse-flags.ts';
import { progressLine } from './progress.ts';
import { USAGE } from './usage.ts';
import { withDatabase } from './with-database.ts';

export async function runCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('run', args, ['seed', 'path', 'runs', 'json', 'migrations']);
  if (values.help) {
    cli.out(USAGE.run ?? '');
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new CliError(`run takes one scenario, got ${positionals.length}: ${positionals.join(' ')}`);
  const { scenario, variant } = findScenario(scenarios, positionals[0], 'run');
  const given = parseSeedFlag(values.seed);
  const path = parsePath(values.path);
  if (path !== undefined && given === undefined) throw new CliError('--path needs the --seed it came from');
  const runs = parseInteger('--runs', values.runs, 1);
  if (path !== undefined && runs !== undefined) throw new CliError('--path replays one case; drop --runs');
  const json = outputFile('--json', values.json);
  const env = checkEnvironment(cli.env);
  const migrations =
    migrationsDir('--migrations', values.migrations) ?? env.migrations ?? defaultMigrationsDir(cli.env);
  // Drawn here rather than by fast-check, so an interrupted run can still name its seed.
  const seed = given ?? drawRunSeed();

  const total = path !== undefined ? 1 : (runs ?? scenario.runs ?? 100);
  const progress = progressLine(`${scenario.id}:${variant}`, total, cli);
  const guard = cli.guard(`${scenario.id}:${variant}`);
  let found: { path: string; broken: string[]; counts: boolean } | undefined;
  guard.report(() => {
    if (found === undefined) return [];
    return [
      `  found before the interrupt: ${found.broken.join(', ')} at case ${found.path} (not shrunk)`,
      `  replay: ${replayCommand({ scenario: scenario.id, variant, seed, path: found.path })}`,
    ];
  });
  try {
    const result = await withDatabase(cli, guard, migrations, (engine) =>
      runScenario(scenario, variant, engine, {
        seed,
        ...(path !== undefined ? { path } : {}),
        ...(runs !== undefined ? { runs } : {}),
        onCase: progress.update,
        onFailure: (failure) => {
          if (found === undefined || (!found.counts && failure.counts)) found = failure;
        },
      }),
    );
    progress.done();
    cli.out(formatRun(result));
    if (json) await writeFile(json, JSON.stringify({ ...result, replay: replayCommand(result) }, null, 2) + '\n');
    return exitCodeOfStatus(runOutcome(result));
  } finally {
    guard.dispose();
  }
}
