/**
 * Bot benchmark (issue 5's closing note):
 *   - runs to the first failing case of stuck-bot-51943001421:before and :as-shipped over 20
 *     seeds (median, max), and the same for the property suite's planted bugs;
 *   - cases per second of the property suite's `after` variant (swarm faults, races, heal).
 * Run: npm run bench:bot [first|rate]   (no argument: both halves)
 */
import { runScenario } from '../sims/runner/run-scenario.ts';
import { stuckBotScenario } from '../scenarios/incidents/stuck-bot-51943001421/stuck-bot.scenario.ts';
import { botPropertyScenario } from '../scenarios/properties/bot/bot.scenario.ts';
import { firstFailureSummary } from './runs-to-first-failure.ts';
import { openBenchEngine } from './open-bench-engine.ts';

const SEEDS = 20;
const MAX_RUNS = 2_000;

await using bench = await openBenchEngine('bot-bench');
const { engine } = bench;

const only = process.argv[2];
if (only !== 'rate') {
  console.log(`runs to first failure over ${SEEDS} seeds (seeds 1..${SEEDS}, at most ${MAX_RUNS} runs each):`);
  for (const variant of ['before', 'as-shipped'])
    console.log(`  ${await firstFailureSummary(engine, stuckBotScenario, variant, SEEDS, MAX_RUNS)}`);
  for (const variant of [
    'planted-close-without-recheck',
    'planted-row-first-no-recovery',
    'planted-non-atomic-write',
    'planted-phone-keyed-session',
    'planted-recheck-without-activity',
    'planted-unawaited-takeover-delete',
    'planted-cleanup-dry-run-only',
    'planted-agent-chat-not-counted',
  ]) {
    console.log(`  ${await firstFailureSummary(engine, botPropertyScenario, variant, SEEDS, MAX_RUNS)}`);
  }
}
if (only !== 'first') {
  await runScenario(botPropertyScenario, 'after', engine, { seed: 1, runs: 20 }); // warm-up
  const started = performance.now();
  const result = await runScenario(botPropertyScenario, 'after', engine, { seed: 2, runs: 500 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 'held') throw new Error(`bench: properties-bot:after did not hold (${result.status})`);
  console.log(
    `properties-bot:after  ${result.cases} cases in ${seconds.toFixed(2)} s = ${(result.cases / seconds).toFixed(1)} cases/s (${result.lockWaits} lock waits)`,
  );
}
