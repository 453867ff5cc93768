import { writeFile } from 'node:fs/promises';
import { scenarios } from '../../scenarios/index.ts';
import { formatRun } from '../report/format-run.ts';
import { replayCommand } from '../report/replay-command.ts';
import type { RunResult } from '../runner/run-result.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { defaultMigrationsDir } from '../postgres/index.ts';
import { checkEnvironment } from './check-environment.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { EXIT, exitCodeOfStatus, reproduceOutcome } from './exit-codes.ts';
import { findScenario } from './find-scenario.ts';
import { migrationsDir, outputFile, parseFlags } from './parse-flags.ts';
import { progressLine } from './progress.ts';
import { USAGE } from './usage.ts';
import { withDatabase } from './with-database.ts';

export async function reproduceCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('reproduce', args, ['json', 'migrations']);
  if (values.help) {
    cli.out(USAGE.reproduce ?? '');
    return EXIT.ok;
  }
  if (positionals.length !== 1 || positionals[0]?.includes(':'))
    throw new CliError('reproduce takes one scenario id (all its variants run)');
  const { scenario } = findScenario(scenarios, positionals[0], 'reproduce');
  const json = outputFile('--json', values.json);
  const env = checkEnvironment(cli.env);
  const migrations =
    migrationsDir('--migrations', values.migrations) ?? env.migrations ?? defaultMigrationsDir(cli.env);

  const guard = cli.guard(scenario.id);
  let results: RunResult[];
  try {
    results = await withDatabase(cli, guard, migrations, async (engine) => {
      const all: RunResult[] = [];
      for (const variant of Object.keys(scenario.variants)) {
        const progress = progressLine(`${scenario.id}:${variant}`, scenario.runs ?? 100, cli);
        all.push(await runScenario(scenario, variant, engine, { onCase: progress.update }));
        progress.done();
      }
      return all;
    });
  } finally {
    guard.dispose();
  }

  cli.out(`${scenario.id}: ${scenario.title}`);
  cli.out(sideBySide(results));
  for (const result of results) if (result.status !== 'held') cli.out(`\n${formatRun(result)}`);
  if (json)
    await writeFile(
      json,
      JSON.stringify(
        results.map((r) => ({ ...r, replay: replayCommand(r) })),
        null,
        2,
      ) + '\n',
    );
  return exitCodeOfStatus(reproduceOutcome(results));
}

function sideBySide(results: RunResult[]): string {
  const rows = [
    ['variant', 'expected', 'outcome', 'invariants broken', 'cases', 'met'],
    ...results.map((r) => [
      r.variant,
      r.expect,
      r.status,
      r.broken.join(', ') || '-',
      String(r.cases),
      r.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => '  ' + row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ')).join('\n');
}
