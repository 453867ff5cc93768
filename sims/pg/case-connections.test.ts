/**
 * The case's connections: one given back is reused (its backend and prepared statements stay
 * warm), one destroyed is gone with its transaction, and the next checkout gets its replacement,
 * opened beside the case, connected and usable; one lost is recycled: its session ends on the
 * server (transaction, locks, session state) and its backend serves the next checkout.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../postgres/use-test-database.ts';
import { pgLockProbe } from '../schedule/lock-probe.ts';
import { backendPid, CaseConnections } from './case-connections.ts';

describe('CaseConnections', () => {
  let url = '';
  let admin: pg.Client;
  beforeAll(async () => {
    url = (await useTestDatabase()).url;
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  }, 300_000);
  afterAll(async () => {
    await admin.end();
  });

  const alive = async (pid: number | undefined) =>
    (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [pid])).rows[0]
      ?.n === 1;

  it('reuses a connection given back, and replaces a destroyed one whose transaction is gone', async () => {
    const connections = new CaseConnections(url);
    const probe = pgLockProbe(admin);
    try {
      const first = await connections.checkout();
      const firstPid = backendPid(first);
      connections.giveBack(first);
      const again = await connections.checkout();
      expect(backendPid(again)).toBe(firstPid);

      await again.query('BEGIN');
      await again.query('CREATE TEMP TABLE spare_check (id int)');
      again.release(true);
      await probe.waitGone(firstPid!);
      expect(await alive(firstPid)).toBe(false);

      const replacement = await connections.checkout();
      expect(backendPid(replacement)).not.toBe(firstPid);
      expect((await replacement.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

      // A connection still out at the end of a case is destroyed by the sweep.
      const leftPid = backendPid(replacement);
      await connections.sweep(probe);
      expect(await alive(leftPid)).toBe(false);
    } finally {
      await connections.end();
    }
  }, 120_000);

  it('recycles a lost connection: its transaction, locks and session state are gone, its backend is reused', async () => {
    const connections = new CaseConnections(url);
    try {
      const lost = await connections.checkout();
      const pid = backendPid(lost);
      await lost.query('BEGIN');
      await lost.query('SELECT pg_advisory_xact_lock(9101), pg_advisory_lock(9102)');
      await lost.query(`SET statement_timeout = '7s'`);
      await lost.query('CREATE TEMP TABLE recycled_check (id int)');
      await connections.recycle(lost);

      // What a lost connection leaves: both locks free for others at once, as after its backend's exit.
      const taken = await admin.query<{ xact: boolean; session: boolean }>(
        'SELECT pg_try_advisory_lock(9101) AS xact, pg_try_advisory_lock(9102) AS session',
      );
      expect(taken.rows).toEqual([{ xact: true, session: true }]);
      await admin.query('SELECT pg_advisory_unlock_all()');

      const next = await connections.checkout();
      expect(backendPid(next)).toBe(pid);
      expect((await next.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '0' }]);
      expect((await next.query(`SELECT to_regclass('pg_temp.recycled_check') AS t`)).rows).toEqual([{ t: null }]);
      const activity = await admin.query('SELECT xact_start FROM pg_stat_activity WHERE pid = $1', [pid]);
      expect(activity.rows).toEqual([{ xact_start: null }]);
      connections.giveBack(next);
    } finally {
      await connections.end();
    }
  }, 120_000);

  it('tells from what each session sent and Postgres reported whether another session could block a statement', async () => {
    const connections = new CaseConnections(url);
    const idle = () => false;
    const send = async (client: pg.PoolClient, sql: string) => {
      connections.locks.sent(client, sql);
      await client.query(sql);
    };
    try {
      const a = await connections.checkout();
      const b = await connections.checkout();
      const update = 'UPDATE syncsim_lock_check SET n = n + 1';
      await send(a, 'CREATE TEMP TABLE syncsim_lock_check (n int)');
      expect(connections.othersMayBlock(b, update, idle)).toBe(false);
      await send(a, 'BEGIN');
      await send(a, 'SELECT 1');
      // A transaction that only read: it blocks DDL, not DML.
      expect(connections.othersMayBlock(b, update, idle)).toBe(false);
      expect(connections.othersMayBlock(b, 'ALTER TABLE t ADD COLUMN m int', idle)).toBe(true);
      await send(a, 'SELECT pg_advisory_xact_lock(9103)');
      expect(connections.othersMayBlock(b, update, idle)).toBe(true);
      // Its own session never blocks a statement; a statement running elsewhere may.
      expect(connections.othersMayBlock(a, update, idle)).toBe(false);
      await send(a, 'COMMIT');
      expect(connections.othersMayBlock(b, update, idle)).toBe(false);
      expect(connections.othersMayBlock(b, update, (client) => client === a)).toBe(true);
      // A session-level advisory lock stays after the statement, until the session is reset.
      await send(a, 'SELECT pg_advisory_lock(9104)');
      expect(connections.othersMayBlock(b, update, idle)).toBe(true);
      await connections.recycle(a);
      expect(connections.othersMayBlock(b, update, idle)).toBe(false);
      connections.giveBack(b);
    } finally {
      await connections.end();
    }
  }, 120_000);
});
