/**
 * `syncsim diff <scenario> <old> <new>`: a differential run (sims/diff/run-diff.ts), printed by
 * sims/diff/format-diff.ts, exit code by exitCodeOfDiff. Bad input (a flag, an unknown scenario
 * or variant) is one line and exit 3 before Postgres starts, as for `run`.
 */
import { writeFile } from 'node:fs/promises';
import { diffSides } from '../diff/diff-sides.ts';
import { formatDiff } from '../diff/format-diff.ts';
import { runDiff } from '../diff/run-diff.ts';
import { defaultMigrationsDir } from '../postgres/index.ts';
import { htmlTimeline } from '../report/html-timeline.ts';
import { perfettoTrace } from '../report/perfetto-trace.ts';
import { diffReplayCommand } from '../report/replay-command.ts';
import { drawRunSeed } from '../testing/run-seed.ts';
import { checkEnvironment } from './check-environment.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { EXIT, exitCodeOfDiff } from './exit-codes.ts';
import { findScenario } from './find-scenario.ts';
import { openProject, projectScenarios } from './open-project.ts';
import { migrationsDir, outputFile, parseCaseFlags, parseFlags } from './parse-flags.ts';
import { progressLine } from './progress.ts';
import { USAGE } from './usage.ts';
import { withDatabase } from './with-database.ts';

export async function diffCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('diff', args, [
    'seed',
    'path',
    'runs',
    'json',
    'html',
    'trace',
    'migrations',
    'max-steps',
  ]);
  if (values.help) {
    cli.out(USAGE.diff ?? '');
    return EXIT.ok;
  }
  if (positionals.length !== 3)
    throw new CliError(
      `diff takes a scenario and two of its variants (old, new), got ${positionals.length}: ${positionals.join(' ')}`,
    );
  const { seed: given, path, runs, maxSteps } = parseCaseFlags(values);
  const json = outputFile('--json', values.json);
  const html = outputFile('--html', values.html);
  const trace = outputFile('--trace', values.trace);
  const project = await openProject(cli.cwd, cli.env);
  const env = checkEnvironment(cli.env);
  const migrations =
    migrationsDir('--migrations', values.migrations) ?? env.migrations ?? defaultMigrationsDir(cli.env);
  const [id, oldVariant, newVariant] = positionals as [string, string, string];
  const discovered = await projectScenarios(project);
  const { scenario } = findScenario(discovered, id, 'diff');
  for (const variant of [oldVariant, newVariant]) findScenario(discovered, `${id}:${variant}`, 'diff');
  if (oldVariant === newVariant)
    throw new CliError(
      `diff compares two variants; '${oldVariant}' is given twice (the noise measurement compares one with itself)`,
    );
  const seed = given ?? drawRunSeed();

  const total = path !== undefined ? 1 : (runs ?? scenario.runs ?? 100);
  const progress = progressLine(`${scenario.id}: ${oldVariant} -> ${newVariant}`, total * 2, cli);
  const guard = cli.guard(`${scenario.id}: ${oldVariant} -> ${newVariant}`);
  try {
    const result = await withDatabase(cli, guard, migrations, (engine) =>
      runDiff(scenario, oldVariant, newVariant, engine, {
        seed,
        ...(path !== undefined ? { path } : { runs: total }),
        ...(maxSteps !== undefined ? { maxSteps } : {}),
        onCase: progress.update,
      }),
    );
    progress.done();
    cli.out(formatDiff(result));
    if (json)
      await writeFile(
        json,
        `${JSON.stringify({ ...result, ...(result.path !== undefined ? { replay: diffReplayCommand(result) } : {}) }, null, 2)}\n`,
      );
    // Both sides of the reported case, drawn by the reporters `run` uses, replayed with `diff`.
    const sides = diffSides(result);
    const replay = () => diffReplayCommand(result);
    if (html)
      await writeFile(
        html,
        htmlTimeline(sides, { title: `${scenario.id}: ${oldVariant} -> ${newVariant} (${result.status})`, replay }),
      );
    if (trace) await writeFile(trace, `${JSON.stringify(perfettoTrace(sides, undefined, replay))}\n`);
    return exitCodeOfDiff(result.status);
  } finally {
    guard.dispose();
  }
}
