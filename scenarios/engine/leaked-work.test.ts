/**
 * The built-in invariant `no-leaked-work`, on planted actors: a write fired without `await` is
 * reported naming the actor, the statement and the line that started it, as a broken invariant
 * with a shrunk case and one replay line (not a crash); an operation started after the actor's
 * run() settled is reported too; awaiting everything, also through Promise.all, holds. Call
 * sites are captured only in a replay of a case that leaked: a case that did not runs once.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, Db } from 'syncsim';
import { defineScenario, formatRun } from 'syncsim';
import type { GateRequest } from 'syncsim/vitest';
import { expectMet, expectPlantedCaught, fileCaseEngine, runCase, runScenario, withSeed } from 'syncsim/vitest';

const engine = fileCaseEngine();
const BUMP = 'UPDATE crm_conversations SET unread_count = unread_count + 1 WHERE id = 1001';
const READ = 'SELECT unread_count FROM crm_conversations WHERE id = 1001';
/** Worlds built: a case runs once, and a case that leaked once more (to capture where). */
let worlds = 0;

/** A reader beside the planted actor, so the scheduler still has an actor to release work for. */
const reader = (reads: number): Actor => ({
  name: 'reader',
  async run({ db }) {
    for (let i = 0; i < reads; i++) await db.query(READ);
  },
});

function variantOf(description: string, planted: (db: Db) => Promise<void>, leaks: boolean) {
  return {
    description,
    ...(leaks ? { expect: 'breaks' as const, breaks: ['no-leaked-work'] } : { expect: 'holds' as const }),
    runs: 50,
    actors: ({ input }: { input: { reads: number } }) => [
      { name: 'planted', run: ({ db }: { db: Db }) => planted(db) },
      reader(input.reads),
    ],
  };
}

const leakScenario = defineScenario<{ reads: number }, null>({
  id: 'leaked-work-probe',
  kind: 'example',
  title: 'an actor that leaves a write running',
  input: fc.record({ reads: fc.integer({ min: 0, max: 3 }) }),
  async world({ db }) {
    worlds++;
    await db.query(
      `INSERT INTO channel_connections (id, tenant, name, phone_number_id) VALUES (1, 'crm', 'line', 'pn-1')`,
    );
    await db.query(
      `INSERT INTO crm_conversations (id, phone, phone_number_id, channel_connection_id, status, created_at, updated_at)
       VALUES (1001, '51943001421', 'pn-1', 1, 'active', '2025-11-21T09:00:00Z', '2025-11-21T09:00:00Z')`,
    );
    return null;
  },
  invariants: [],
  variants: {
    awaited: variantOf(
      'awaits its write',
      async (db) => {
        await db.query(BUMP);
      },
      false,
    ),
    'promise-all': variantOf(
      'two writes awaited together',
      async (db) => {
        await Promise.all([db.query(BUMP), db.query(READ)]);
      },
      false,
    ),
    'fire-and-forget': variantOf(
      'PLANTED: the write is fired, not awaited',
      async (db) => {
        void db.query(BUMP); // the planted line
        await Promise.resolve();
      },
      true,
    ),
    'chained-after': variantOf(
      'PLANTED: a read, then (not awaited) a write after it',
      async (db) => {
        void db.query(READ).then(() => db.query(BUMP));
        await Promise.resolve();
      },
      true,
    ),
  },
  defaultVariant: 'awaited',
});

describe('no-leaked-work', () => {
  it('a write fired without await is a broken invariant naming the actor, the statement and its line', async () => {
    const result = await expectPlantedCaught(leakScenario, 'fire-and-forget', 'no-leaked-work', engine(), 50);
    const leak = result.violations.find((v) => v.invariant === 'no-leaked-work')!;
    expect(leak.details).toMatchObject({ actor: 'planted', kind: 'pending-when-run-settled', sql: BUMP });
    expect(leak.message).toContain('planted: UPDATE crm_conversations');
    // The line of the planted `void db.query(BUMP)` in this file.
    expect(String(leak.details!.startedAt)).toMatch(/^scenarios\/engine\/leaked-work\.test\.ts:\d+/);
    const report = formatRun(result);
    expect(report).toContain('no-leaked-work: planted:');
    expect(report.split('\n').filter((line) => line.includes('replay:'))).toHaveLength(1);
  });

  it('runs a case that leaked once more, by its own schedule, to name the line; one that did not, once', async () => {
    const once = async (variant: string) => {
      const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 1, numRuns: 1 });
      worlds = 0;
      const outcome = await runCase(
        leakScenario,
        leakScenario.variants[variant]!,
        { reads: 2 },
        scheduler!,
        engine(),
        3,
      );
      return { outcome, worlds };
    };
    const held = await once('awaited');
    expect(held.outcome.violations).toEqual([]);
    expect(held.worlds).toBe(1);
    const leaked = await once('fire-and-forget');
    expect(leaked.worlds).toBe(2);
    expect(String(leaked.outcome.violations[0]?.details?.startedAt)).toMatch(
      /^scenarios\/engine\/leaked-work\.test\.ts:\d+/,
    );
  });

  it('an operation started after run() settled is reported too', async () => {
    // Reads > 0 keep the reader alive, so the scheduler releases the planted read and its write follows.
    const result = expectMet(await runScenario(leakScenario, 'chained-after', engine(), { ...withSeed, runs: 50 }));
    const kinds = result.violations.map((v) => v.details?.kind);
    expect(kinds).toContain('pending-when-run-settled');
    const replayAll = [];
    for (let path = 0; path < 30; path++)
      replayAll.push(
        ...(await runScenario(leakScenario, 'chained-after', engine(), { seed: 5, path: String(path) })).violations,
      );
    expect(replayAll.map((v) => v.details?.kind)).toContain('started-after-run-settled');
    expect(replayAll.find((v) => v.details?.kind === 'started-after-run-settled')?.details?.sql).toBe(BUMP);
  });

  it('awaiting every operation, also through Promise.all, holds', async () => {
    for (const variant of ['awaited', 'promise-all'])
      expect((await runScenario(leakScenario, variant, engine(), { ...withSeed, runs: 30 })).status).toBe('held');
  });
});
