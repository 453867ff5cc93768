import { writeFile } from 'node:fs/promises';
import { formatRun } from '../report/format-run.ts';
import { replayCommand } from '../report/replay-command.ts';
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

  const results = await withDatabase(err, async (engine) => {
    const all: RunResult[] = [];
    for (const variant of Object.keys(scenario.variants)) {
      const runs = variantRuns(scenario, variant);
      const progress = progressLine(`${scenario.id}:${variant}`, runs, err);
      all.push(await runScenario(scenario, variant, engine, { runs, onCase: progress.update }));
      progress.done();
    }
    return all;
  });

  out(`${scenario.id}: ${scenario.title}`);
  out(sideBySide(results));
  for (const result of results) if (result.status !== 'held') out(`\n${formatRun(result)}`);
  if (json)
    await writeFile(
      json,
      JSON.stringify(
        results.map((r) => ({ ...r, replay: replayCommand(r) })),
        null,
        2,
      ) + '\n',
    );
  return results.every((r) => r.met) ? 0 : results.some((r) => r.status === 'error') ? 3 : 1;
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
