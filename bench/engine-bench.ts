/**
 * Engine benchmark: prints the figures issue #2 asks for. Targets are benchmarks, not tests:
 *   - Postgres cold start <= 1 s
 *   - per-case reset plus a ~100-row world <= 5 ms median
 *   - >= 100 lost-update cases per second (locked variant, 2 cores)
 * The lost-update rate is measured in one stream (one engine, in this process), then over
 * `--streams K` streams at once (default: one per core; bench-streams.ts), each running the same
 * cases on its own database: the aggregate is what `syncsim check` gets from its workers.
 * Run: npm run bench [-- --streams K]
 */
import { runScenario } from '../sims/runner/run-scenario.ts';
import { lostUpdateScenario } from '../scenarios/examples/lost-update/lost-update.scenario.ts';
import { measurePostgres } from './postgres-bench.ts';
import { openBenchEngine } from './open-bench-engine.ts';
import { phase, report, runStreams, streamsFlag, streamWorker } from './bench-streams.ts';
import { openCaseEngine } from '../sims/runner/case-engine.ts';

const RUNS = 400;

interface Rate {
  cases: number;
  seconds: number;
  lockWaits: number;
}

async function casesPerSecond(
  engine: Parameters<typeof runScenario>[2],
  variant: 'locked' | 'naive',
  runs: number,
): Promise<Rate> {
  await runScenario(lostUpdateScenario, variant, engine, { seed: 1, runs: 20 }); // warm-up
  await phase('lost-update');
  const started = performance.now();
  const result = await runScenario(lostUpdateScenario, variant, engine, { seed: 2, runs });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 'held') throw new Error(`bench: lost-update:${variant} did not hold (${result.status})`);
  return { cases: result.cases, seconds, lockWaits: result.lockWaits };
}

const worker = streamWorker();
if (worker) {
  let rate: Rate;
  {
    await using engine = await openCaseEngine(worker.url, { localBackends: worker.localBackends });
    rate = await casesPerSecond(engine, 'locked', RUNS);
  }
  await report(rate);
  // A stream only measures: the parent's figures below are not its to print.
  process.exit(0);
}
const streams = streamsFlag();

const pg = await measurePostgres();
console.log(`Postgres: ${pg.kind} PG ${pg.version}, schema ${pg.schema}`);
console.log(
  `cold start (start to first query, median of ${pg.coldStartRunsMs.length})  ${pg.coldStartMs.toFixed(0)} ms   (target <= 1000 ms)`,
);
console.log(
  `template build / reuse / clone           ${pg.templateMs.toFixed(0)} / ${pg.templateReuseMs.toFixed(0)} / ${pg.cloneMs.toFixed(0)} ms`,
);
console.log(
  `per case: reset + ${pg.worldRows}-row world in ${pg.worldTables} tables, median over ${pg.cases}  ${pg.caseMedianMs.toFixed(2)} ms (reset alone ${pg.resetMedianMs.toFixed(2)} ms; p90 ${pg.caseP90Ms.toFixed(2)} ms)   (target <= 5 ms)`,
);
// The engine resets on its own connection (a reset switches session_replication_role, which
// drops the cached plans of the connection it runs on), so this is the figure a case pays.
console.log(
  `per case as the engine does it (reset on its own connection) + world    ${pg.caseResetElsewhereMedianMs.toFixed(2)} ms   (target <= 5 ms)`,
);
await using bench = await openBenchEngine('bench');
const locked = await casesPerSecond(bench.engine, 'locked', RUNS);
console.log(
  `lost-update:locked  ${locked.cases} cases in ${locked.seconds.toFixed(2)} s = ${(locked.cases / locked.seconds).toFixed(0)} cases/s ` +
    `(${locked.lockWaits} lock waits; target >= 100 cases/s)`,
);
if (streams > 1) {
  const run = await runStreams<Rate>(bench, import.meta.url, streams);
  const cases = run.results.reduce((sum, r) => sum + r.cases, 0);
  const seconds = run.phases.get('lost-update')!;
  const each = run.results.map((r) => (r.cases / r.seconds).toFixed(0)).join(', ');
  console.log(
    `lost-update:locked, ${streams} streams  ${cases} cases in ${seconds.toFixed(2)} s = ${(cases / seconds).toFixed(0)} cases/s aggregate ` +
      `(per stream ${each} cases/s; lock waits ${run.results.map((r) => r.lockWaits).join(', ')})`,
  );
}
