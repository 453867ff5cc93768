/**
 * Where a case's time goes outside the actors (issue 17): for each scenario, the same cases as
 * `check` runs them, with the per-case reset, the world phase (split into its statements and the
 * rest: faker, fakes, msw handlers) and each invariant timed apart, and the world's statements
 * counted. The floor of bench:overhead is straight I/O plus these three; this says which of them
 * dominates. Counts are a function of the seed; times are only printed.
 * Run: npx tsx --conditions=syncsim-source bench/case-phases-bench.ts [--runs N] [--only motopress,bot,chat]
 */
import type pg from 'pg';
import type { Invariant } from '../sims/invariants/invariant.ts';
import { runScenario } from '../sims/runner/run-scenario.ts';
import type { Scenario } from '../sims/runner/scenario.ts';
import { botPropertyScenario } from '../scenarios/properties/bot/bot.scenario.ts';
import { chatPropertyScenario } from '../scenarios/properties/chat/chat.scenario.ts';
import { motopressPropertyScenario } from '../scenarios/properties/motopress/motopress.scenario.ts';
import { openBenchEngine } from './open-bench-engine.ts';

const SEED = 2;

const targets: Array<{ key: string; scenario: Scenario<unknown, unknown>; runs: number }> = [
  { key: 'motopress', scenario: motopressPropertyScenario, runs: 200 },
  { key: 'bot', scenario: botPropertyScenario, runs: 300 },
  { key: 'chat', scenario: chatPropertyScenario, runs: 100 },
];

/** Wraps client.query so the time and the count of the calls made while `on()` is true add up. */
function timeQueries(client: pg.Client, on: () => boolean): { ms: number; count: number } {
  const totals = { ms: 0, count: 0 };
  const original = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
    if (!on()) return original(...args);
    const started = performance.now();
    try {
      return await original(...args);
    } finally {
      totals.ms += performance.now() - started;
      totals.count++;
    }
  };
  return totals;
}

const runsFlag = process.argv.indexOf('--runs');
const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag > 0 ? new Set(process.argv[onlyFlag + 1]!.split(',')) : undefined;
await using bench = await openBenchEngine('case-phases-bench');
const { engine } = bench;
let inWorld = false;
const resets = timeQueries(engine.resetter, () => true);
const worldQueries = timeQueries(engine.admin, () => inWorld);

console.log(`seed ${SEED}; ms per case (mean)`);
console.log(
  '| scenario | cases | case | reset | world | (its statements) | statements/world | invariants | slowest invariants |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const target of targets) {
  if (only && !only.has(target.key)) continue;
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : target.runs;
  const { scenario } = target;
  let worldMs = 0;
  const invariantMs = new Map<string, number>();
  const timed: Scenario<unknown, unknown> = {
    ...scenario,
    world: async (context) => {
      inWorld = true;
      const started = performance.now();
      try {
        return await scenario.world(context);
      } finally {
        worldMs += performance.now() - started;
        inWorld = false;
      }
    },
    invariants: scenario.invariants.map((invariant): Invariant<unknown> => ({
      ...invariant,
      check: async (context) => {
        const started = performance.now();
        try {
          return await invariant.check(context);
        } finally {
          invariantMs.set(invariant.name, (invariantMs.get(invariant.name) ?? 0) + performance.now() - started);
        }
      },
    })),
  };
  await runScenario(timed, scenario.defaultVariant, engine, { seed: 1, runs: 10 }); // warm-up
  worldMs = 0;
  invariantMs.clear();
  Object.assign(resets, { ms: 0, count: 0 });
  Object.assign(worldQueries, { ms: 0, count: 0 });
  const started = performance.now();
  const result = await runScenario(timed, scenario.defaultVariant, engine, { seed: SEED, runs });
  const caseMs = (performance.now() - started) / result.cases;
  const per = (ms: number) => (ms / result.cases).toFixed(2);
  const invariantsTotal = [...invariantMs.values()].reduce((a, b) => a + b, 0);
  const slowest = [...invariantMs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, ms]) => `${name} ${per(ms)}`)
    .join(', ');
  console.log(
    `| ${scenario.id} | ${result.cases} | ${caseMs.toFixed(2)} | ${per(resets.ms)} | ${per(worldMs)} | ${per(worldQueries.ms)} | ${(worldQueries.count / result.cases).toFixed(1)} | ${per(invariantsTotal)} | ${slowest} |`,
  );
}
