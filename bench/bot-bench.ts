/**
 * Bot benchmark (issue 5's closing note):
 *   - runs to the first failing case of stuck-bot-51943001421:before and :as-shipped over 20
 *     seeds (median, max), and the same for the property suite's planted bugs;
 *   - cases per second of the property suite's `after` variant (swarm faults, races, heal).
 * "Runs to first failure" counts generated cases (as fast-check draws them for that seed) up to
 * and including the first one that breaks an invariant, before any shrinking.
 * Run: npx tsx bench/bot-bench.ts
 */
import * as fc from 'fast-check';
import { NO_FAULTS } from '../sims/faults/fault-plan.ts';
import { createTestDatabase, defaultMigrationsDir, ensureTemplate, loadMigrations, startPostgres } from '../sims/postgres/index.ts';
import { openCaseEngine, type CaseEngine } from '../sims/runner/case-engine.ts';
import { runCase } from '../sims/runner/run-case.ts';
import { runScenario } from '../sims/runner/run-scenario.ts';
import type { Scenario } from '../sims/runner/scenario.ts';
import type { GateRequest } from '../sims/schedule/flight.ts';
import { stuckBotScenario } from '../scenarios/incidents/stuck-bot-51943001421/stuck-bot.scenario.ts';
import { botPropertyScenario } from '../scenarios/properties/bot/bot.scenario.ts';

const SEEDS = 20;
const MAX_RUNS = 2_000;

async function runsToFirstFailure<I, W>(engine: CaseEngine, scenario: Scenario<I, W>, variant: string, seed: number): Promise<number> {
  const cases = fc.sample(fc.tuple(scenario.input, fc.integer({ min: 0, max: 0x7fffffff }), scenario.faults ?? fc.constant(NO_FAULTS)), { seed, numRuns: MAX_RUNS });
  for (const [index, [input, caseSeed, plan]] of cases.entries()) {
    const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: caseSeed, numRuns: 1 });
    const outcome = await runCase(scenario, scenario.variants[variant]!, input, scheduler!, engine, caseSeed, plan);
    if (outcome.violations.length > 0) return index + 1;
  }
  return Infinity;
}

async function summary<I, W>(engine: CaseEngine, scenario: Scenario<I, W>, variant: string): Promise<string> {
  const runs: number[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) runs.push(await runsToFirstFailure(engine, scenario, variant, seed));
  const sorted = [...runs].sort((a, b) => a - b);
  const median = (sorted[(SEEDS - 1) >> 1]! + sorted[SEEDS >> 1]!) / 2;
  return `${`${scenario.id}:${variant}`.padEnd(52)} median ${String(median).padStart(5)}  max ${String(sorted.at(-1)).padStart(5)}  (runs per seed: ${runs.join(' ')})`;
}

await using server = await startPostgres({ log: () => undefined });
const template = await ensureTemplate(server, await loadMigrations(defaultMigrationsDir()));
await using database = await createTestDatabase(server, template, 'bot-bench');
await using engine = await openCaseEngine(database.url, { localBackends: server.kind === 'embedded' });

const only = process.argv[2]; // 'rate' or 'first' to run one half
if (only !== 'rate') {
console.log(`runs to first failure over ${SEEDS} seeds (seeds 1..${SEEDS}, at most ${MAX_RUNS} runs each):`);
for (const variant of ['before', 'as-shipped']) console.log('  ' + (await summary(engine, stuckBotScenario, variant)));
for (const variant of ['planted-close-without-recheck', 'planted-row-first-no-recovery', 'planted-non-atomic-write']) {
  console.log('  ' + (await summary(engine, botPropertyScenario, variant)));
}
}
if (only !== 'first') {

await runScenario(botPropertyScenario, 'after', engine, { seed: 1, runs: 20 }); // warm-up
const started = performance.now();
const result = await runScenario(botPropertyScenario, 'after', engine, { seed: 2, runs: 500 });
const seconds = (performance.now() - started) / 1000;
if (result.status !== 'held') throw new Error(`bench: properties-bot:after did not hold (${result.status})`);
console.log(`properties-bot:after  ${result.cases} cases in ${seconds.toFixed(2)} s = ${(result.cases / seconds).toFixed(1)} cases/s (${result.lockWaits} lock waits)`);
}
