/**
 * MotoPress benchmark (issue 4's closing note):
 *   - runs to the first failing case of indo-null-unit:before and :planned-fix over 20 seeds
 *     (median, max), and of the property suite's planted mutants;
 *   - cases per second of properties-motopress:after (swarm faults, races, heal), first as one
 *     stream (one engine, the way one vitest file runs it), then as N streams in parallel
 *     processes on the same Postgres server, each its own database (how the cases of a suite
 *     spread over 2 cores; bench-streams.ts, default one stream per core). The target is
 *     >= 30 cases/s on 2 cores.
 * Run: npm run bench:motopress [first|rate] [--streams N]
 */
import { openCaseEngine } from '../sims/runner/case-engine.ts';
import { runScenario } from '../sims/runner/run-scenario.ts';
import { indoNullUnitScenario } from '../scenarios/incidents/indo-null-unit/indo-null-unit.scenario.ts';
import { motopressPropertyScenario } from '../scenarios/properties/motopress/motopress.scenario.ts';
import { phase, report, runStreams, streamsFlag, streamWorker } from './bench-streams.ts';
import { openBenchEngine } from './open-bench-engine.ts';
import { firstFailureSummary } from './runs-to-first-failure.ts';

const SEEDS = 20;
const MAX_RUNS = 2_000;
const RATE_RUNS = 200;

interface StreamResult {
  cases: number;
  seconds: number;
}

/** One stream: warm up, wait for the others, run RATE_RUNS cases (seed = stream number + 2), report. */
async function worker(url: string, localBackends: boolean, seed: number): Promise<StreamResult> {
  await using engine = await openCaseEngine(url, { localBackends });
  await runScenario(motopressPropertyScenario, 'after', engine, { seed: seed + 1000, runs: 10 });
  await phase('rate');
  const started = performance.now();
  const result = await runScenario(motopressPropertyScenario, 'after', engine, { seed, runs: RATE_RUNS });
  if (result.status !== 'held')
    throw new Error(`bench: properties-motopress:after did not hold (${result.status}, seed ${seed})`);
  return { cases: result.cases, seconds: (performance.now() - started) / 1000 };
}

const stream = streamWorker();
if (stream) {
  await report(await worker(stream.url, stream.localBackends, stream.index + 2));
  // A stream only measures: the parent prints.
  process.exit(0);
} else {
  const only = process.argv.slice(2).find((a) => a === 'first' || a === 'rate');
  const streams = streamsFlag();
  await using bench = await openBenchEngine('motopress-bench');
  const { server, engine } = bench;
  {
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
      const run = await runStreams<StreamResult>(bench, import.meta.url, streams, process.argv.slice(2));
      const cases = run.results.reduce((sum, r) => sum + r.cases, 0);
      const seconds = run.phases.get('rate')!;
      const each = run.results.map((r) => (r.cases / r.seconds).toFixed(1)).join(', ');
      console.log(
        `properties-motopress:after, ${streams} streams ${cases} cases in ${seconds.toFixed(2)} s = ${(cases / seconds).toFixed(1)} cases/s (per stream ${each}; target >= 30 on 2 cores)`,
      );
    }
  }
}
