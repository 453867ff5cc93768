/**
 * `syncsim check`: every scenario test, through vitest's Node API (not a second runner), on one
 * Postgres server. One line per test as it finishes, then the failures with their replay
 * commands, then the exit code the failures add up to.
 *
 * Everything a user can get wrong is found before vitest starts: flags, environment variables,
 * and the migrations (the server is started and the template built here, then handed to the
 * vitest global setup in this same process), so a broken migration is one line, once.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { SerializedError } from '@vitest/utils';
import { defaultMigrationsDir, ensureTemplate, loadMigrations, startPostgres } from '../postgres/index.ts';
import { handOverPostgres } from '../postgres/prepared-postgres.ts';
import type { RunStatus } from '../runner/run-result.ts';
import { checkEnvironment } from './check-environment.ts';
import type { CliContext } from './cli-context.ts';
import { usageErrorFrom } from './cli-error.ts';
import { EXIT, exitCodeOfStatus, worstStatus } from './exit-codes.ts';
import { migrationsDir, outputFile, parseFlags, parseSeedFlag, parseShard } from './parse-flags.ts';
import { USAGE } from './usage.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

type Verdict = RunStatus;

export function verdictOf(errors: readonly SerializedError[]): Verdict {
  if (errors.some((e) => e.name !== 'InvariantBroken' && e.name !== 'Inconclusive')) return 'error';
  if (errors.some((e) => e.name === 'InvariantBroken')) return 'broken';
  return errors.length > 0 ? 'inconclusive' : 'held';
}

export async function checkCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('check', args, ['junit', 'migrations', 'seed', 'shard']);
  if (values.help) {
    cli.out(USAGE.check ?? '');
    return EXIT.ok;
  }
  const junit = outputFile('--junit', values.junit);
  const env = checkEnvironment(cli.env, { seed: values.seed === undefined });
  const migrations =
    migrationsDir('--migrations', values.migrations) ?? env.migrations ?? defaultMigrationsDir(cli.env);
  const seed = parseSeedFlag(values.seed) ?? env.seed;
  const shard = parseShard(values.shard);

  const guard = cli.guard('check');
  try {
    const startup: string[] = [];
    const log = (line: string) => startup.push(`[syncsim] ${line}`);
    const server = await startPostgres({ log, env: cli.env }).catch((error: unknown) => {
      throw usageErrorFrom(error);
    });
    guard.onStop(() => server.stop());
    try {
      const template = await ensureTemplate(server, await loadMigrations(migrations)).catch((error: unknown) => {
        throw usageErrorFrom(error);
      });
      log(`postgres: template ${template} from ${migrations}`);
      // Scenario tests read SYNCSIM_SEED and the global setup SYNCSIM_MIGRATIONS; vitest runs
      // in this process and its workers inherit its environment.
      process.env['SYNCSIM_MIGRATIONS'] = migrations;
      if (seed !== undefined) process.env['SYNCSIM_SEED'] = String(seed);
      handOverPostgres({ server, migrationsDir: migrations, template });
      cli.out('syncsim check: running every scenario');
      for (const line of startup) cli.out(line);
      return await runVitest(cli, guard, positionals, junit, shard);
    } finally {
      handOverPostgres(undefined);
      await server.stop();
    }
  } finally {
    guard.dispose();
  }
}

async function runVitest(
  cli: CliContext,
  guard: ReturnType<CliContext['guard']>,
  positionals: string[],
  junit: string | undefined,
  shard: string | undefined,
): Promise<number> {
  const statuses: Verdict[] = [];
  const failures: string[] = [];
  let passed = 0;
  let failed = 0;
  const reporter: Reporter = {
    onTestCaseResult(test: TestCase) {
      const result = test.result();
      if (result.state === 'passed') {
        passed++;
        cli.out(`  ok    ${test.fullName}`);
      } else if (result.state === 'failed') {
        failed++;
        const verdict = verdictOf(result.errors);
        statuses.push(verdict);
        cli.out(`  ${verdict.toUpperCase().padEnd(5)} ${test.fullName}`);
        failures.push(`${test.fullName}\n${result.errors.map((e) => e.message).join('\n')}`);
      }
    },
    onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>) {
      for (const module of modules) {
        const errors = module.errors();
        if (errors.length > 0) {
          statuses.push('error');
          failures.push(
            `${module.relativeModuleId}\n${errors.map((e) => `${e.name ?? 'Error'}: ${e.message}`).join('\n')}`,
          );
        }
      }
      if (unhandled.length > 0) {
        statuses.push('error');
        failures.push(`unhandled errors\n${unhandled.map((e) => `${e.name ?? 'Error'}: ${e.message}`).join('\n')}`);
      }
    },
  };

  const filters = positionals.length > 0 ? positionals : ['scenarios/'];
  // vitest's logger exits the process 1 ms after a SIGINT/SIGTERM and on an unhandled
  // rejection; the interrupt guard owns those (it stops Postgres first), so its listeners go.
  type Listener = (...args: unknown[]) => void;
  const listenersOf = (event: string): Listener[] => (process.listeners as (event: string) => Listener[])(event);
  const events = ['SIGINT', 'SIGTERM', 'unhandledRejection'];
  const before = new Map(events.map((event) => [event, new Set(listenersOf(event))]));
  const vitest = await createVitest('test', {
    root: ROOT,
    run: true,
    watch: false,
    reporters: junit ? [reporter, ['junit', { outputFile: junit }]] : [reporter],
    ...(shard !== undefined ? { shard } : {}),
  });
  for (const event of events)
    for (const listener of listenersOf(event)) if (!before.get(event)?.has(listener)) process.off(event, listener);
  guard.onStop(() => vitest.close());
  try {
    await vitest.start(filters);
  } catch (error) {
    const name = (error as Error).name;
    if (name !== 'FilesNotFoundError') throw error;
  } finally {
    await vitest.close();
  }
  if (passed + failed === 0) {
    cli.out('no scenario test ran');
    statuses.push('error');
  }
  const worst = worstStatus(statuses);
  for (const failure of failures) cli.out(`\n${failure}`);
  cli.out(`\n${passed} passed, ${failed} failed`);
  cli.out(
    `syncsim check: ${worst === 'held' ? 'every scenario met its expectation' : worst} (exit ${exitCodeOfStatus(worst)})`,
  );
  return exitCodeOfStatus(worst);
}
