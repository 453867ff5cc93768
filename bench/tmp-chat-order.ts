import * as fc from 'fast-check';
import { createTestDatabase, defaultMigrationsDir, ensureTemplate, loadMigrations, startPostgres } from '../sims/postgres/index.ts';
import { openCaseEngine } from '../sims/runner/case-engine.ts';
import { NO_FAULTS } from '../sims/faults/fault-plan.ts';
import { runCase } from '../sims/runner/run-case.ts';
import type { GateRequest } from '../sims/schedule/flight.ts';
import { chatPropertyScenario as s } from '../scenarios/properties/chat/chat.scenario.ts';
const variant = process.argv[2]!;
await using server = await startPostgres({ log: () => undefined });
const template = await ensureTemplate(server, await loadMigrations(defaultMigrationsDir()));
await using database = await createTestDatabase(server, template, 'chat-debug');
await using engine = await openCaseEngine(database.url, { localBackends: server.kind === 'embedded' });
const cases = fc.sample(fc.tuple(s.input, fc.integer({ min: 0, max: 0x7fffffff }), s.faults ?? fc.constant(NO_FAULTS)), { seed: 1, numRuns: Number(process.argv[3] ?? 6) });
for (const [index, [input, caseSeed, plan]] of cases.entries()) {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: caseSeed, numRuns: 1 });
  const outcome = await runCase(s, s.variants[variant]!, input, scheduler!, engine, caseSeed, plan);
  const line = outcome.history
    .filter((e) => e.type === 'invoke' && e.actor !== 'heal')
    .map((e) => (/^(audit|repair)/.test(e.actor) ? (e.operation === 'POST /channels' ? 'P' : e.operation === 'run' ? '[' : 'a') : /^sender/.test(e.actor) && e.operation.includes('message') ? 'M' : /^creator/.test(e.actor) && e.operation.includes('query') ? 'C' : '.'))
    .join('');
  console.log(index + 1, outcome.history.length, line);
}
