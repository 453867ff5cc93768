/**
 * `syncsim check`: every discovered scenario variant as a test (scenario-variants.test.ts) plus
 * the hand-written tests under the scenario folders, through vitest's Node API (not a second
 * runner), on one Postgres server started by the vitest global setup. One line per test as it
 * finishes, then the failures with their replay commands, then the exit code they add up to.
 */
import { relative, resolve } from 'node:path';
import { startVitest } from 'vitest/node';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { SerializedError } from '@vitest/utils';
import { ConsoleReporter } from '../report/console-reporter.ts';
import { JunitReporter } from '../report/junit-reporter.ts';
import { Reporting } from '../report/reporter.ts';
import { discoverScenarioFiles } from '../project/discover-scenario-files.ts';
import { loadScenarios } from '../project/load-scenarios.ts';
import { SCENARIO_VARIANTS_TEST, sourceResolve, syncsimTestOptions } from '../testing/syncsim-test-options.ts';
import { CliError } from './cli-error.ts';
import { importTypeScript, openProject } from './open-project.ts';
import { migrationsDir, outputFile, parseFlags, parseInteger } from './parse-flags.ts';
import { USAGE } from './usage.ts';

type Verdict = 'held' | 'broken' | 'inconclusive' | 'error';
const EXIT: Record<Verdict, number> = { held: 0, broken: 1, inconclusive: 2, error: 3 };
const RANK: Verdict[] = ['held', 'inconclusive', 'broken', 'error'];

export function verdictOf(errors: readonly SerializedError[]): Verdict {
  if (errors.some((e) => e.name !== 'InvariantBroken' && e.name !== 'Inconclusive')) return 'error';
  if (errors.some((e) => e.name === 'InvariantBroken')) return 'broken';
  return errors.length > 0 ? 'inconclusive' : 'held';
}

export async function checkCommand(args: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags('check', args, ['junit', 'migrations', 'seed', 'shard']);
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
  if (values.shard !== undefined && !/^\d+\/\d+$/.test(values.shard))
    throw new CliError(`--shard must look like 1/3, got '${values.shard}'`);
  const project = await openProject();
  // Folders named on the command line stand in for the configured scenario folders.
  const roots = positionals.length > 0 ? positionals.map((p) => resolve(p)) : project.scenarioRoots;
  const scenarioFiles = discoverScenarioFiles({ root: project.root, scenarioRoots: roots });
  // Loaded here too, so a broken scenario file is one line before any server starts.
  await loadScenarios(scenarioFiles, project.root, importTypeScript);
  const include = roots.map((root) => `${relative(project.root, root) || '.'}/**/*.test.ts`);
  if (scenarioFiles.length > 0) include.push(SCENARIO_VARIANTS_TEST);

  let worst: Verdict = 'held';
  const raise = (v: Verdict) => {
    if (RANK.indexOf(v) > RANK.indexOf(worst)) worst = v;
  };
  const reporting = new Reporting([new ConsoleReporter(out), ...(junit ? [new JunitReporter(junit)] : [])]);
  const named = (errors: readonly SerializedError[]) =>
    errors.map((e) => `${e.name ?? 'Error'}: ${e.message}`).join('\n');
  const reporter: Reporter = {
    onTestCaseResult(test: TestCase) {
      const result = test.result();
      if (result.state !== 'passed' && result.state !== 'failed') return;
      const verdict = result.state === 'passed' ? 'held' : verdictOf(result.errors);
      raise(verdict);
      const suite = test.module.relativeModuleId;
      const details = result.state === 'failed' ? result.errors.map((e) => e.message).join('\n') : undefined;
      const durationMs = test.diagnostic()?.duration;
      reporting.outcome({
        kind: 'test',
        name: test.fullName,
        suite,
        verdict,
        met: result.state === 'passed',
        details,
        durationMs,
      });
    },
    onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>) {
      for (const module of modules) {
        const errors = module.errors();
        if (errors.length === 0) continue;
        raise('error');
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
        raise('error');
        const name = 'unhandled errors';
        reporting.outcome({ kind: 'file', name, suite: name, verdict: 'error', met: false, details: named(unhandled) });
      }
    },
  };

  reporting.begin('check');
  const vitest = await startVitest(
    'test',
    [],
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
      reporters: [reporter],
      ...(values.shard !== undefined ? { shard: values.shard } : {}),
    },
    sourceResolve(),
  );
  await vitest.close();
  if (!reporting.outcomes.some((o) => o.kind === 'test')) raise('error');
  await reporting.end({ command: 'check', verdict: worst, exitCode: EXIT[worst] });
  return EXIT[worst];
}
