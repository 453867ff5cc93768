/**
 * MotoPress benchmark (issue 4's closing note):
 *   - runs to the first failing case of indo-null-unit:before and :planned-fix over 20 seeds
 *     (median, max), and of the property suite's planted mutants;
 *   - cases per second of properties-motopress:after (swarm faults, races, heal), first as one
 *     stream (one engine, the way one vitest file runs it), then as N streams in parallel
 *     processes on the same Postgres server, each its own database (how the cases of a suite
 *     spread over 2 cores). The target is >= 30 cases/s on 2 cores.
 * Run: npm run bench:motopress [first|rate] [--streams N]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  defaultMigrationsDir,
  ensureTemplate,
  loadMigrations,
  startPostgres,
} from '../sims/postgres/index.ts';
import { openCaseEngine } from '../sims/runner/case-engine.ts';
import { runScenario } from '../sims/runner/run-scenario.ts';
import { indoNullUnitScenario } from '../scenarios/incidents/indo-null-unit/indo-null-unit.scenario.ts';
import { motopressPropertyScenario } from '../scenarios/properties/motopress/motopress.scenario.ts';
import { firstFailureSummary } from './runs-to-first-failure.ts';

const SEEDS = 20;
const MAX_RUNS = 2_000;
const RATE_RUNS = 200;

interface StreamResult {
  cases: number;
  seconds: number;
}

/** One stream: warm up, wait for the parent's go, run RATE_RUNS cases, report. */
async function worker(url: string, seed: number): Promise<void> {
  await using engine = await openCaseEngine(url, { localBackends: true });
  await runScenario(motopressPropertyScenario, 'after', engine, { seed: seed + 1000, runs: 10 });
  process.send!({ ready: true });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const started = performance.now();
  const result = await runScenario(motopressPropertyScenario, 'after', engine, { seed, runs: RATE_RUNS });
  if (result.status !== 'held')
    throw new Error(`bench: properties-motopress:after did not hold (${result.status}, seed ${seed})`);
  process.send!({ cases: result.cases, seconds: (performance.now() - started) / 1000 } satisfies StreamResult);
}

async function parallel(urls: string[]): Promise<{ cases: number; seconds: number }> {
  const self = fileURLToPath(import.meta.url);
  const children = urls.map((url, i) =>
    fork(self, ['--worker', url, String(i + 2)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' }),
  );
  const next = (child: (typeof children)[number]) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Record<string, unknown>));
      child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
    });
  await Promise.all(children.map(next));
  const started = performance.now();
  const done = children.map(next);
  for (const child of children) child.send('go');
  const results = (await Promise.all(done)) as unknown as StreamResult[];
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(
    children.map(
      (child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null))),
    ),
  );
  return { cases: results.reduce((sum, r) => sum + r.cases, 0), seconds };
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3]!, Number(process.argv[4]));
} else {
  const only = process.argv.slice(2).find((a) => a === 'first' || a === 'rate');
  const streamsFlag = process.argv.indexOf('--streams');
  const streams = streamsFlag > 0 ? Number(process.argv[streamsFlag + 1]) : 3;
  await using server = await startPostgres({ log: () => undefined });
  const template = await ensureTemplate(server, await loadMigrations(defaultMigrationsDir()));
  await using database = await createTestDatabase(server, template, 'motopress-bench');
  {
    await using engine = await openCaseEngine(database.url, { localBackends: server.kind === 'embedded' });
    if (only !== 'rate') {
      console.log(`runs to first failure over ${SEEDS} seeds (seeds 1..${SEEDS}, at most ${MAX_RUNS} runs each):`);
      for (const variant of ['before', 'planned-fix'])
        console.log(`  ${await firstFailureSummary(engine, indoNullUnitScenario, variant, SEEDS, MAX_RUNS)}`);
      for (const variant of [
        'planted-cross-tenant-lookup',
        'planted-junction-outside-write',
        'planted-insert-only-upsert',
        'planted-always-touch',
      ]) {
        console.log(`  ${await firstFailureSummary(engine, motopressPropertyScenario, variant, SEEDS, MAX_RUNS)}`);
      }
    }
    if (only !== 'first') {
      await runScenario(motopressPropertyScenario, 'after', engine, { seed: 1, runs: 10 }); // warm-up
      const started = performance.now();
      const result = await runScenario(motopressPropertyScenario, 'after', engine, { seed: 2, runs: RATE_RUNS });
      const seconds = (performance.now() - started) / 1000;
      if (result.status !== 'held')
        throw new Error(`bench: properties-motopress:after did not hold (${result.status})`);
      console.log(
        `properties-motopress:after, 1 stream   ${result.cases} cases in ${seconds.toFixed(2)} s = ${(result.cases / seconds).toFixed(1)} cases/s (${result.lockWaits} lock waits)`,
      );
    }
  }
  if (only !== 'first' && streams > 1) {
    if (server.kind !== 'embedded')
      console.log('(parallel streams skipped: they need the embedded server to pause backends)');
    else {
      const dbs = await Promise.all(
        Array.from({ length: streams }, (_, i) => createTestDatabase(server, template, `motopress-bench-${i}`)),
      );
      try {
        const { cases, seconds } = await parallel(dbs.map((db) => db.url));
        console.log(
          `properties-motopress:after, ${streams} streams ${cases} cases in ${seconds.toFixed(2)} s = ${(cases / seconds).toFixed(1)} cases/s (target >= 30 on 2 cores)`,
        );
      } finally {
        for (const db of dbs) await db[Symbol.asyncDispose]();
      }
    }
  }
}
