/**
 * `npm run mutation [module...]`: one Stryker run per src/ module, in turn (every module when
 * none is named), then the table of all of them and the survivors, written to reports/mutation/.
 * `--report` runs nothing: the table and survivors of the last runs, from the newest of each
 * module's JSON report and its incremental file (which an interrupted run leaves, partial).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import { CliError, quote } from '../sims/cli/cli-error.ts';
import { srcModules } from './module-tests.ts';
import { formatMutationTable, formatSurvivors, mutationSummary, type MutationRow } from './mutation-table.ts';
import { MUTATION_RUNS, reportDir, strykerOptions } from './stryker-options.ts';

export const SURVIVORS_FILE = 'reports/mutation/survivors.txt';

/** The module's newest report: the JSON report of a finished run, or the incremental file. */
function lastReport(root: string, module: string): { json: string; partial: boolean } {
  const full = join(root, reportDir(module), 'mutation.json');
  const incremental = join(root, strykerOptions(module).incrementalFile!);
  const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : -1);
  if (mtime(full) < 0 && mtime(incremental) < 0)
    throw new CliError(`no report for src/${module} yet: run npm run mutation -- ${module}`);
  // Stryker writes the incremental file just before the JSON report when a run finishes.
  const partial = mtime(incremental) > mtime(full) + 60_000;
  return { json: readFileSync(partial ? incremental : full, 'utf8'), partial };
}

export async function runMutation(root: string, args: string[], log: (line: string) => void): Promise<void> {
  const known = srcModules(root);
  const reportOnly = args.includes('--report');
  // Stryker's incremental mode reuses a verdict while the mutant's code and its test FILES are
  // unchanged; a changed scenario or invariant those files import goes unseen, so after one the
  // verdicts must be redone: --force re-tests every mutant (and rewrites the incremental file).
  const force = args.includes('--force');
  // --mutate <glob>: only these files of the module (a run too long for one sitting, split).
  const mutateAt = args.indexOf('--mutate');
  const mutate = mutateAt < 0 ? undefined : args[mutateAt + 1];
  if (mutateAt >= 0 && (mutate === undefined || mutate.startsWith('--')))
    throw new CliError('--mutate needs a glob, e.g. --mutate src/motopress/backoff.ts');
  if (mutateAt >= 0) args.splice(mutateAt, 2);
  // --concurrency <n>: test runners at once (each a vitest and a Postgres); 1 unless asked, since
  // the machine is shared, and a loaded runner can turn a slow mutant into a false timeout.
  const concurrencyAt = args.indexOf('--concurrency');
  const concurrency = concurrencyAt < 0 ? 1 : Number(args[concurrencyAt + 1]);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new CliError(
      `--concurrency needs a whole number of test runners (1 or more), not ${quote(String(args[concurrencyAt + 1]))}`,
    );
  if (concurrencyAt >= 0) args.splice(concurrencyAt, 2);
  args = args.filter((arg) => arg !== '--report' && arg !== '--force');
  for (const arg of args)
    if (!known.includes(arg)) throw new CliError(`unknown module ${quote(arg)}: src/ has ${known.join(', ')}`);
  const modules = args.length > 0 ? args : known;
  if (reportOnly) {
    const rows: MutationRow[] = [];
    const lines: string[] = [];
    for (const module of modules) {
      const { json, partial } = lastReport(root, module);
      const { row, survivors } = mutationSummary(partial ? `${module} (partial)` : module, json);
      rows.push(row);
      lines.push(`# src/${row.module}: ${survivors.length} survivors`, formatSurvivors(survivors), '');
    }
    writeSummary(root, rows, lines, log);
    return;
  }
  // Workers inherit the environment: a fixed seed keeps a rerun's verdicts (and the incremental
  // file) a function of the code, not of a fresh draw.
  process.env['SYNCSIM_SEED'] ??= '1';
  process.env['SYNCSIM_MUTATION_RUNS'] ??= String(MUTATION_RUNS);
  const rows: MutationRow[] = [];
  const lines: string[] = [];
  for (const module of modules) {
    process.env['SYNCSIM_MUTATION_MODULE'] = module;
    // Stryker resolves its paths against the cwd; so does vitest.mutation.config.ts.
    process.chdir(root);
    const started = process.hrtime.bigint();
    const options = { ...strykerOptions(module), concurrency };
    if (mutate !== undefined) options.mutate = [mutate, `!src/${module}/**/*.test.ts`];
    await new Stryker({ ...options, force }).runMutationTest();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { row, survivors } = mutationSummary(
      module,
      readFileSync(join(root, reportDir(module), 'mutation.json'), 'utf8'),
    );
    log(`[mutation] src/${module}: ${Math.round(seconds)} s`);
    rows.push(row);
    lines.push(`# src/${module}: ${survivors.length} survivors`, formatSurvivors(survivors), '');
  }
  writeSummary(root, rows, lines, log);
}

function writeSummary(root: string, rows: MutationRow[], lines: string[], log: (line: string) => void): void {
  mkdirSync(join(root, 'reports/mutation'), { recursive: true });
  writeFileSync(join(root, SURVIVORS_FILE), lines.join('\n'));
  log(formatMutationTable(rows));
  log(`survivors (file:line, mutator, status, replacement): ${SURVIVORS_FILE}`);
}
