/**
 * `syncsim check`: every discovered scenario variant as a test (dealt over the
 * scenario-variants-<i>.test.ts files, so they run on every core) plus the hand-written tests
 * under the scenario folders, through vitest's Node API (not a second runner), on one Postgres
 * server. One line per test as it finishes, then the failures with
 * their replay commands, then the exit code they add up to.
 *
 * Everything a user can get wrong is found before vitest starts: flags, environment variables,
 * the project's config and scenario files, and the migrations (the server is started and the
 * template built here, then handed to the vitest global setup in this same process), so a
 * broken migration is one line, once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createVitest } from 'vitest/node';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { SerializedError } from '@vitest/utils';
import { defaultMigrationsDir, ensureTemplate, loadMigrations, startPostgres } from '../postgres/index.ts';
import { handOverPostgres } from '../postgres/prepared-postgres.ts';
import { discoverScenarioFiles } from '../project/discover-scenario-files.ts';
import { loadScenarios } from '../project/load-scenarios.ts';
import { ConsoleReporter } from '../report/console-reporter.ts';
import { htmlTimeline } from '../report/html-timeline.ts';
import { JunitReporter } from '../report/junit-reporter.ts';
import { Reporting } from '../report/reporter.ts';
import type { RunStatus } from '../runner/run-result.ts';
import { readFailedResults, RESULTS_DIR_VARIABLE } from '../testing/failed-results-dir.ts';
import { discoveredVariants } from '../testing/discovered-variants.ts';
import { scenarioVariantsTests, sourceResolve, syncsimTestOptions } from '../testing/syncsim-test-options.ts';
import { checkEnvironment } from './check-environment.ts';
import type { CliContext } from './cli-context.ts';
import { usageErrorFrom } from './cli-error.ts';
import { EXIT, exitCodeOfStatus, worstStatus } from './exit-codes.ts';
import type { Project } from '../project/resolve-project.ts';
import { importTypeScript, openProject } from './open-project.ts';
import { migrationsDir, outputFile, parseFlags, parseInteger, parseSeedFlag, parseShard } from './parse-flags.ts';
import { USAGE } from './usage.ts';

type Verdict = RunStatus;

export function verdictOf(errors: readonly SerializedError[]): Verdict {
  if (errors.some((e) => e.name !== 'InvariantBroken' && e.name !== 'Inconclusive')) return 'error';
  if (errors.some((e) => e.name === 'InvariantBroken')) return 'broken';
  return errors.length > 0 ? 'inconclusive' : 'held';
}

interface Discovered {
  readonly project: Project;
  readonly include: string[];
  readonly scenarioFiles: string[];
}

export async function checkCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseFlags(
    'check',
    args,
    ['junit', 'html', 'migrations', 'seed', 'shard', 'runs'],
    ['verify-determinism'],
  );
  if (values.help) {
    cli.out(USAGE.check ?? '');
    return EXIT.ok;
  }
  const junit = outputFile('--junit', values.junit);
  const html = outputFile('--html', values.html);
  // The project's config (migrations, Postgres) fills in what no flag or variable says.
  const project = await openProject(cli.cwd, cli.env);
  const env = checkEnvironment(cli.env, { seed: values.seed === undefined });
  const migrations =
    migrationsDir('--migrations', values.migrations) ?? env.migrations ?? defaultMigrationsDir(cli.env);
  const seed = parseSeedFlag(values.seed) ?? env.seed;
  const shard = parseShard(values.shard);
  const runs = parseInteger('--runs', values.runs, 1);
  // Folders named on the command line stand in for the configured scenario folders.
  const roots = positionals.length > 0 ? positionals.map((p) => resolve(p)) : project.scenarioRoots;
  const scenarioFiles = discoverScenarioFiles({ root: project.root, scenarioRoots: roots });
  // Loaded here too, so a broken scenario file is one line before any server starts.
  const scenarios = await loadScenarios(scenarioFiles, project.root, importTypeScript);
  const include = roots.map((root) => `${relative(project.root, root) || '.'}/**/*.test.ts`);
  include.push(...scenarioVariantsTests(discoveredVariants(scenarios).length));

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
      // Read by the scenario tests (sims/testing/scenario-suite.ts) through the global setup.
      if (runs !== undefined) process.env['SYNCSIM_RUNS'] = String(runs);
      if (values['verify-determinism'] === true) process.env['SYNCSIM_VERIFY_DETERMINISM'] = '1';
      handOverPostgres({ server, migrationsDir: migrations, template });
      const reporting = new Reporting([new ConsoleReporter(cli.out), ...(junit ? [new JunitReporter(junit)] : [])]);
      reporting.begin('check');
      for (const line of startup) cli.out(line);
      const resultsDir = html ? mkdtempSync(join(tmpdir(), 'syncsim-check-results-')) : undefined;
      if (resultsDir) process.env[RESULTS_DIR_VARIABLE] = resultsDir;
      try {
        const exitCode = await runVitest(guard, reporting, { project, include, scenarioFiles }, shard);
        if (html && resultsDir) {
          const failed = readFailedResults(resultsDir);
          const title =
            failed.length === 0
              ? 'syncsim check: every run met its expectation'
              : `syncsim check: ${failed.length} run${failed.length === 1 ? '' : 's'} not as expected`;
          await writeFile(html, htmlTimeline(failed, { title }));
          cli.out(`timeline of ${failed.length} run${failed.length === 1 ? '' : 's'} not as expected: ${html}`);
        }
        return exitCode;
      } finally {
        if (resultsDir) rmSync(resultsDir, { recursive: true, force: true });
        delete process.env[RESULTS_DIR_VARIABLE];
      }
    } finally {
      handOverPostgres(undefined);
      await server.stop();
    }
  } finally {
    guard.dispose();
  }
}

async function runVitest(
  guard: ReturnType<CliContext['guard']>,
  reporting: Reporting,
  discovered: Discovered,
  shard: string | undefined,
): Promise<number> {
  const statuses: Verdict[] = [];
  const named = (errors: readonly SerializedError[]) =>
    errors.map((e) => `${e.name ?? 'Error'}: ${e.message}`).join('\n');
  const reporter: Reporter = {
    onTestCaseResult(test: TestCase) {
      const result = test.result();
      if (result.state !== 'passed' && result.state !== 'failed') return;
      const verdict = result.state === 'passed' ? 'held' : verdictOf(result.errors);
      statuses.push(verdict);
      reporting.outcome({
        kind: 'test',
        name: test.fullName,
        suite: test.module.relativeModuleId,
        verdict,
        met: result.state === 'passed',
        details: result.state === 'failed' ? result.errors.map((e) => e.message).join('\n') : undefined,
        durationMs: test.diagnostic()?.duration,
      });
    },
    onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>) {
      for (const module of modules) {
        const errors = module.errors();
        if (errors.length === 0) continue;
        statuses.push('error');
        const file = module.relativeModuleId;
        reporting.outcome({
          kind: 'file',
          name: file,
          suite: file,
          verdict: 'error',
          met: false,
          details: named(errors),
        });
      }
      if (unhandled.length > 0) {
        statuses.push('error');
        const name = 'unhandled errors';
        reporting.outcome({ kind: 'file', name, suite: name, verdict: 'error', met: false, details: named(unhandled) });
      }
    },
  };

  // vitest's logger exits the process 1 ms after a SIGINT/SIGTERM and on an unhandled
  // rejection; the interrupt guard owns those (it stops Postgres first), so its listeners go.
  type Listener = (...args: unknown[]) => void;
  const listenersOf = (event: string): Listener[] => (process.listeners as (event: string) => Listener[])(event);
  const events = ['SIGINT', 'SIGTERM', 'unhandledRejection'];
  const before = new Map(events.map((event) => [event, new Set(listenersOf(event))]));
  const { project, include, scenarioFiles } = discovered;
  const vitest = await createVitest(
    'test',
    {
      // The project's own vitest config (if any) is for its own tests, not for these.
      config: false,
      root: project.root,
      include,
      // The generated test file sits in node_modules when syncsim is installed.
      exclude: [],
      ...syncsimTestOptions({ syncsimProjectRoot: project.root, syncsimScenarioFiles: scenarioFiles }),
      run: true,
      watch: false,
      // One worker per core. vitest 4's default is one fewer than the cores in a run (one worker
      // on a 2-core machine), keeping a core for its main process; here the main process only
      // reports, and a worker spends much of a case waiting on Postgres, so every core gets a
      // worker (each with its own database). The pool stays vitest's default, 'forks': a child
      // process per worker, so each has its own module graph and event loop.
      maxWorkers: availableParallelism(),
      reporters: [reporter],
      ...(shard !== undefined ? { shard } : {}),
    },
    sourceResolve(),
  );
  for (const event of events)
    for (const listener of listenersOf(event)) if (!before.get(event)?.has(listener)) process.off(event, listener);
  guard.onStop(() => vitest.close());
  try {
    await vitest.start();
  } catch (error) {
    const name = (error as Error).name;
    if (name !== 'FilesNotFoundError') throw error;
  } finally {
    await vitest.close();
  }
  if (!reporting.outcomes.some((o) => o.kind === 'test')) statuses.push('error');
  const worst = worstStatus(statuses);
  await reporting.end({ command: 'check', verdict: worst, exitCode: exitCodeOfStatus(worst) });
  return exitCodeOfStatus(worst);
}
