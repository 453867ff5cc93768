import * as fc from 'fast-check';
import { createTestDatabase, defaultMigrationsDir, ensureTemplate, loadMigrations, startPostgres } from '../sims/postgres/index.ts';
import { openCaseEngine } from '../sims/runner/case-engine.ts';
import { NO_FAULTS } from '../sims/faults/fault-plan.ts';
import { runCase } from '../sims/runner/run-case.ts';
import type { GateRequest } from '../sims/schedule/flight.ts';
import { chatPropertyScenario as s } from '../scenarios/properties/chat/chat.scenario.ts';
const variant = process.argv[2]!;
const which = Number(process.argv[3]);
await using server = await startPostgres({ log: () => undefined });
const template = await ensureTemplate(server, await loadMigrations(defaultMigrationsDir()));
await using database = await createTestDatabase(server, template, 'chat-debug');
await using engine = await openCaseEngine(database.url, { localBackends: server.kind === 'embedded' });
const cases = fc.sample(fc.tuple(s.input, fc.integer({ min: 0, max: 0x7fffffff }), s.faults ?? fc.constant(NO_FAULTS)), { seed: Number(process.env.SEED ?? 1), numRuns: which });
const [input, caseSeed, plan] = cases[which - 1]!;
const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: caseSeed, numRuns: 1 });
console.log(JSON.stringify(input));
const outcome = await runCase(s, s.variants[variant]!, input, scheduler!, engine, caseSeed, plan);
for (const e of outcome.history) {
  if (e.actor === 'heal' || e.type !== 'invoke' || e.operation === 'sleep') continue;
  const a = e.args as any;
  let extra = '';
  if (e.operation === 'POST /channels') extra = JSON.stringify(a?.body?.offset ?? '') + ' ' + JSON.stringify(a?.body?.filter_conditions ?? {});
  else if (e.system === 'pg') extra = String(a?.sql ?? '').slice(0, 60) + ' ' + JSON.stringify(a?.params ?? []).slice(0, 150);
  else extra = String(a?.path ?? '');
  console.log(e.actor.padEnd(18), e.operation.padEnd(34), extra);
}
