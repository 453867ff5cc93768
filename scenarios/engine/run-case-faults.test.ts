/**
 * Faults injected through the engine() are real: Postgres itself fails the statement (so an open
 * transaction really aborts), a lost connection really rolls back (or, on COMMIT, leaves the
 * outcome unknown: `info`), a lost answer really ran the statement, and a crashed actor stops at that operation without hanging the run.
 *
 * An engine test, but its actor runs src/db's withTransaction, and only the scenarios layer may
 * run src/ code together with sims/ (sims/ imports src/ types only).
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { withTransaction } from '../../src/db/with-transaction.ts';
import type { FaultPlan } from 'syncsim';
import type { GateRequest } from 'syncsim/vitest';
import { fileCaseEngine } from 'syncsim/vitest';
import { runCase } from 'syncsim/vitest';
import { defineScenario } from 'syncsim';

const engine = fileCaseEngine();

interface World {
  rows: () => Promise<number>;
}

/** One actor inserts a channel connection in a transaction; the fault plan decides its fate. */
const scenario = defineScenario<null, World>({
  id: 'fault-probe',
  kind: 'example',
  title: 'one transactional insert under a fault',
  input: fc.constant(null),
  world({ db }) {
    return Promise.resolve({
      rows: async () =>
        Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM channel_connections')).rows[0]!.n),
    });
  },
  // The tests assert on the history and the table directly.
  invariants: [],
  variants: {
    insert: {
      description: 'insert one row in a transaction',
      expect: 'holds',
      actors: () => [
        {
          name: 'writer',
          async run({ db }: { db: Db }) {
            await withTransaction(db, (tx) =>
              tx.query(`INSERT INTO channel_connections (tenant, name, phone_number_id) VALUES ('t', 'n', 'pn-x')`),
            );
          },
        },
      ],
    },
  },
  defaultVariant: 'insert',
});

async function runWith(plan: FaultPlan, seed = 7) {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 1, numRuns: 1 });
  let world: World | undefined;
  const wrapped = {
    ...scenario,
    world: async (ctx: Parameters<typeof scenario.world>[0]) => (world = await scenario.world(ctx)),
  };
  const outcome = await runCase(wrapped, scenario.variants.insert!, null, scheduler!, engine(), seed, plan);
  const writerRun = outcome.history.find((e) => e.actor === 'writer' && e.system === 'actor' && e.type !== 'invoke');
  const pg = outcome.history.filter((e) => e.system === 'pg' && e.type !== 'invoke');
  return { outcome, rows: await world!.rows(), writerRun, pg };
}

describe('faults through the engine', () => {
  it('no faults: the insert commits', async () => {
    const { rows, writerRun, outcome } = await runWith({ rates: {} });
    expect(rows).toBe(1);
    expect(writerRun?.type).toBe('ok');
    expect(outcome.faults).toEqual([]);
  });

  it('a serialization failure is raised by Postgres and the transaction really aborts', async () => {
    const { rows, writerRun, pg } = await runWith({ rates: { 'pg-serialization-failure': 1 } });
    expect(rows).toBe(0);
    expect(writerRun?.type).toBe('fail');
    expect(pg.find((e) => e.type === 'fail')?.error).toMatch(/^40001 syncsim fault: could not serialize/);
  });

  it('a lost connection on COMMIT is recorded as info (outcome unknown) and the commit did happen', async () => {
    // Every statement loses its connection at rate 1, so BEGIN already fails: no row.
    const always = await runWith({ rates: { 'pg-connection-lost': 1 } });
    expect(always.rows).toBe(0);
    expect(always.pg.find((e) => e.type !== 'ok')?.type).toBe('fail');
    // At 50% per statement, some seed spares BEGIN and INSERT and hits the COMMIT.
    let seen = false;
    for (let seed = 1; seed <= 60 && !seen; seed++) {
      const run = await runWith({ rates: { 'pg-connection-lost': 0.5 } }, seed);
      const commit = run.pg.find((e) => e.type === 'info');
      if (commit) {
        seen = true;
        expect(commit.operation).toBe('query');
        expect(run.rows).toBe(1);
      }
    }
    expect(seen, 'no seed in 1..60 lost the connection exactly on COMMIT').toBe(true);
  });

  it('a lost answer (pg-response-lost) ran the statement: lost on the INSERT it rolls back with the connection, lost on COMMIT it is applied; both info', async () => {
    // The writer's statements: BEGIN (1), INSERT (2), COMMIT (3).
    const onInsert = await runWith({ rates: {}, script: [{ kind: 'pg-response-lost', actor: 'writer', at: 2 }] });
    expect(onInsert.rows).toBe(0);
    expect(onInsert.pg.find((e) => e.type !== 'ok')?.type).toBe('info');
    const onCommit = await runWith({ rates: {}, script: [{ kind: 'pg-response-lost', actor: 'writer', at: 3 }] });
    expect(onCommit.rows).toBe(1);
    expect(onCommit.pg.find((e) => e.type !== 'ok')?.type).toBe('info');
    expect(onCommit.writerRun?.type).toBe('fail');
  });

  it('a crash stops the actor at that operation, releases its connection, and the run ends', async () => {
    const { rows, writerRun, outcome } = await runWith({ rates: { crash: 1 } });
    expect(rows).toBe(0);
    expect(writerRun?.type).toBe('info');
    expect(outcome.faults).toEqual(['crash writer connect']);
    const activity = await engine().admin.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'idle in transaction'",
    );
    expect(Number(activity.rows[0]!.n)).toBe(0);
  });
});
