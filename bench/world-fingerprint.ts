/**
 * A fingerprint of the worlds the property scenarios build (issue 17: cheaper world building must
 * build the same worlds): for inputs drawn at a fixed seed, every row of every table in physical
 * order (ctid: insertion order shows), every sequence's position, the session files and what the
 * fakes hold, hashed per case. Run it on two commits and compare the printed hashes: equal
 * hashes, same worlds.
 * Run: npx tsx --conditions=syncsim-source bench/world-fingerprint.ts [--cases N]
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { SimClock } from '../sims/clock/sim-clock.ts';
import { emptySessionDir } from '../sims/fs/session-dir.ts';
import { resetDatabase } from '../sims/postgres/index.ts';
import { Rng } from '../sims/rng/rng.ts';
import type { Scenario } from '../sims/runner/scenario.ts';
import { botPropertyScenario } from '../scenarios/properties/bot/bot.scenario.ts';
import { chatPropertyScenario } from '../scenarios/properties/chat/chat.scenario.ts';
import { motopressPropertyScenario } from '../scenarios/properties/motopress/motopress.scenario.ts';
import { openBenchEngine } from './open-bench-engine.ts';

const casesFlag = process.argv.indexOf('--cases');
const cases = casesFlag > 0 ? Number(process.argv[casesFlag + 1]) : 30;
const scenarios = [motopressPropertyScenario, botPropertyScenario, chatPropertyScenario] as Array<
  Scenario<unknown, unknown>
>;

await using bench = await openBenchEngine('world-fingerprint');
const { engine } = bench;
const { rows: tables } = await engine.admin.query<{ name: string; kind: string }>(
  `SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'syncsim')
      AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1`,
);

// Columns defaulting to now() (created_at of the chat tables) hold the wall clock, which no world
// decides: such stamps are masked, every other one is kept.
const stamp = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00/g;
const wallClock = Date.now();
const isWallClock = (text: string) =>
  Math.abs(Date.parse(text.replace(' ', 'T').replace('+00', 'Z')) - wallClock) < 86_400_000;

async function stateOf(world: unknown): Promise<string> {
  const parts: unknown[] = [];
  for (const { name, kind } of tables) {
    const { rows } = await engine.admin.query(
      kind === 'S'
        ? `SELECT last_value, is_called FROM ${name}`
        : `SELECT ctid::text AS ctid, t::text AS row FROM ${name} t ORDER BY ctid`,
    );
    parts.push(
      name,
      JSON.stringify(rows).replace(stamp, (text) => (isWallClock(text) ? 'now()' : text)),
    );
  }
  const files = (await readdir(engine.sessionDir)).sort();
  for (const file of files) parts.push(file, await readFile(join(engine.sessionDir, file), 'utf8'));
  const w = world as {
    sites?: Array<{ fake: { store: { snapshot(): unknown } } }>;
    fake?: { store: { snapshot(): unknown } };
  };
  parts.push(
    w.sites?.map((site) => site.fake.store.snapshot()),
    w.fake?.store.snapshot(),
  );
  return JSON.stringify(parts);
}

const all = createHash('sha256');
for (const scenario of scenarios) {
  const inputs = fc.sample(scenario.input, { seed: 7, numRuns: cases });
  const hashes: string[] = [];
  for (const [i, input] of inputs.entries()) {
    await resetDatabase(engine.resetter);
    await emptySessionDir(engine.sessionDir);
    engine.http.reset();
    const clock = new SimClock(Date.parse(scenario.startTime ?? '2025-01-01T00:00:00.000Z'));
    const world = await scenario.world({
      db: engine.admin,
      input,
      rng: new Rng(i).fork('world'),
      clock,
      sessionDir: engine.sessionDir,
      http: { use: (...handlers) => engine.http.use(...handlers) },
    });
    hashes.push(
      createHash('sha256')
        .update(await stateOf(world))
        .digest('hex')
        .slice(0, 10),
    );
  }
  all.update(hashes.join(','));
  console.log(`${scenario.id}: ${hashes.join(' ')}`);
}
console.log(`all: ${all.digest('hex').slice(0, 16)}`);
