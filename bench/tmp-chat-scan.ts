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
const cases = fc.sample(fc.tuple(s.input, fc.integer({ min: 0, max: 0x7fffffff }), s.faults ?? fc.constant(NO_FAULTS)), { seed: Number(process.argv[4] ?? 1), numRuns: Number(process.argv[3]) });
for (const [index, [input, caseSeed, plan]] of cases.entries()) {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: caseSeed, numRuns: 1 });
  const outcome = await runCase(s, s.variants[variant]!, input, scheduler!, engine, caseSeed, plan);
  const audits = new Map<string, { listed: Set<string>; open: boolean; inside: string[] }>();
  for (const e of outcome.history) {
    if (e.actor === 'heal' || e.type !== 'invoke') continue;
    const a = e.args as any;
    if (/^(audit|repair)/.test(e.actor)) {
      const au = audits.get(e.actor) ?? { listed: new Set(), open: false, inside: [] };
      audits.set(e.actor, au);
      if (e.operation === 'POST /channels' && a?.body?.offset !== undefined) au.open = a.body.offset !== '' ;
      if (String(a?.sql ?? '').startsWith('INSERT INTO syncsim_audit')) for (const id of a.params[0]) au.listed.add(id);
      if (String(a?.sql ?? '').startsWith('SELECT * FROM')) { au.open = false; au.inside.push('DONE'); }
    }
    if (e.operation === 'POST /channels/{type}/{id}/message') {
      const id = String(a?.path).split('/')[3];
      for (const [name, au] of audits) if (au.open) au.inside.push(`${id}${au.listed.has(id) ? '(listed)' : '(UNLISTED)'}`);
    }
  }
  const broken = [...new Set(outcome.violations.map((v) => v.invariant))];
  console.log(index + 1, JSON.stringify(broken), [...audits].map(([n, au]) => `${n}: ${au.inside.join(',')}`).join(' | '));
}
