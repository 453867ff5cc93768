import * as fc from 'fast-check';
import { createTestDatabase, defaultMigrationsDir, ensureTemplate, loadMigrations, startPostgres } from '../sims/postgres/index.ts';
import { openCaseEngine } from '../sims/runner/case-engine.ts';
import { NO_FAULTS } from '../sims/faults/fault-plan.ts';
import { runCase } from '../sims/runner/run-case.ts';
import type { GateRequest } from '../sims/schedule/flight.ts';
import { chatPropertyScenario as s } from '../scenarios/properties/chat/chat.scenario.ts';

const variant = process.argv[2]!;
const seed = Number(process.argv[3] ?? 1);
const n = Number(process.argv[4] ?? 10);
const only = process.argv[5] ? process.argv[5].split(',').map(Number) : undefined;
await using server = await startPostgres({ log: () => undefined });
const template = await ensureTemplate(server, await loadMigrations(defaultMigrationsDir()));
await using database = await createTestDatabase(server, template, 'chat-debug');
await using engine = await openCaseEngine(database.url, { localBackends: server.kind === 'embedded' });
const cases = fc.sample(fc.tuple(s.input, fc.integer({ min: 0, max: 0x7fffffff }), s.faults ?? fc.constant(NO_FAULTS)), { seed, numRuns: n });
for (const [index, [input, caseSeed, plan]] of cases.entries()) {
  if (only && !only.includes(index + 1)) continue;
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: caseSeed, numRuns: 1 });
  const t0 = performance.now();
  const outcome = await runCase(s, s.variants[variant]!, input, scheduler!, engine, caseSeed, plan);
  if (process.env.FRESH) {
    // Debug only: no session state (temp tables) carried from one case to the next.
    const pool = engine.connections.pool;
    const idle = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
    for (const c of idle) c.release(true);
  }
  const broken = [...new Set(outcome.violations.map((v) => v.invariant))];
  if (process.env.QUIET && broken.length === 0) continue;
  console.log(index + 1, `${Math.round(performance.now() - t0)}ms steps=${outcome.steps}`, JSON.stringify(broken), outcome.violations.slice(0, 3).map((v) => v.message + (process.env.VD ? JSON.stringify(v.details) : '')).join(' | '));
  if (process.env.DETAIL) {
    console.log(outcome.phase, JSON.stringify(input), JSON.stringify(plan).slice(0, 300), outcome.faults.join('; '));
    for (const e of outcome.history) if ((process.env.DETAIL === 'all' || e.actor === process.env.DETAIL) && e.type !== 'invoke') console.log('   ', e.actor, e.type, e.operation, JSON.stringify(e.args ?? {}).slice(0, 200), JSON.stringify((e as any).result ?? (e as any).error ?? '').slice(0, 200));
  }
}
