/**
 * The case's connections: one given back is reused (its backend and prepared statements stay
 * warm), one destroyed is gone with its transaction, and the next checkout gets its replacement,
 * opened beside the case, connected and usable.
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
});
