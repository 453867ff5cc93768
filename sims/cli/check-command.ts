/**
 * `syncsim check`: every scenario test, through vitest's Node API (not a second runner), on one
 * Postgres server started by the vitest global setup. One line per test as it finishes, then
 * the failures with their replay commands, then the exit code the failures add up to.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { SerializedError } from '@vitest/utils';
import { CliError } from './cli-error.ts';
import { migrationsDir, outputFile, parseFlags, parseInteger } from './parse-flags.ts';
import { USAGE } from './usage.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

type Verdict = 'held' | 'broken' | 'inconclusive' | 'error';
const EXIT: Record<Verdict, number> = { held: 0, broken: 1, inconclusive: 2, error: 3 };
const RANK: Verdict[] = ['held', 'inconclusive', 'broken', 'error'];

export function verdictOf(errors: readonly SerializedError[]): Verdict {
  if (errors.some((e) => e.name !== 'InvariantBroken' && e.name !== 'Inconclusive')) return 'error';
  if (errors.some((e) => e.name === 'InvariantBroken')) return 'broken';
  return errors.length > 0 ? 'inconclusive' : 'held';
}

export async function checkCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals, switches } = parseFlags(
    'check',
    args,
    ['junit', 'migrations', 'seed', 'shard', 'runs'],
    ['verify-determinism'],
  );
  if (values.help) {
    out(USAGE.check ?? '');
    return 0;
  }
  const junit = outputFile('--junit', values.junit);
  const migrations = migrationsDir(values.migrations);
  if (migrations) process.env.SYNCSIM_MIGRATIONS = migrations;
  const seed = parseInteger('--seed', values.seed, -2147483648);
  // Scenario tests read SYNCSIM_SEED; the vitest workers inherit this process's environment.
  if (seed !== undefined) process.env.SYNCSIM_SEED = String(seed);
  const runs = parseInteger('--runs', values.runs, 1);
  // Read by the scenario tests (sims/testing/scenario-suite.ts) through the vitest global setup.
  if (runs !== undefined) process.env.SYNCSIM_RUNS = String(runs);
  if (switches.has('verify-determinism')) process.env.SYNCSIM_VERIFY_DETERMINISM = '1';
  if (values.shard !== undefined && !/^\d+\/\d+$/.test(values.shard))
    throw new CliError(`--shard must look like 1/3, got '${values.shard}'`);

  let worst: Verdict = 'held';
  const raise = (v: Verdict) => {
    if (RANK.indexOf(v) > RANK.indexOf(worst)) worst = v;
  };
  const failures: string[] = [];
  let passed = 0;
  let failed = 0;
  const reporter: Reporter = {
    onTestCaseResult(test: TestCase) {
      const result = test.result();
      if (result.state === 'passed') {
        passed++;
        out(`  ok    ${test.fullName}`);
      } else if (result.state === 'failed') {
        failed++;
        const verdict = verdictOf(result.errors);
        raise(verdict);
        out(`  ${verdict.toUpperCase().padEnd(5)} ${test.fullName}`);
        failures.push(`${test.fullName}\n${result.errors.map((e) => e.message).join('\n')}`);
      }
    },
    onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>) {
      for (const module of modules) {
        const errors = module.errors();
        if (errors.length > 0) {
          raise('error');
          failures.push(
            `${module.relativeModuleId}\n${errors.map((e) => `${e.name ?? 'Error'}: ${e.message}`).join('\n')}`,
          );
        }
      }
      if (unhandled.length > 0) {
        raise('error');
        failures.push(`unhandled errors\n${unhandled.map((e) => `${e.name ?? 'Error'}: ${e.message}`).join('\n')}`);
      }
    },
  };

  out('syncsim check: running every scenario');
  const filters = positionals.length > 0 ? positionals : ['scenarios/'];
  const vitest = await startVitest('test', filters, {
    root: ROOT,
    run: true,
    watch: false,
    reporters: junit ? [reporter, ['junit', { outputFile: junit }]] : [reporter],
    ...(values.shard !== undefined ? { shard: values.shard } : {}),
  });
  await vitest.close();
  if (passed + failed === 0) {
    out('no scenario test ran');
    raise('error');
  }
  for (const failure of failures) out(`\n${failure}`);
  out(`\n${passed} passed, ${failed} failed`);
  out(`syncsim check: ${worst === 'held' ? 'every scenario met its expectation' : worst} (exit ${EXIT[worst]})`);
  return EXIT[worst];
}
