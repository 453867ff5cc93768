/**
 * The lock probe against a real server: a backend waiting on a row lock is reported blocked, a
 * backend running a statement that waits on nothing is not, however often it is asked while the
 * statement runs, and an idle one is not.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../postgres/use-test-database.ts';
import { pgLockProbe } from './lock-probe.ts';

describe('pgLockProbe', () => {
  const clients: pg.Client[] = [];
  const open = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  };
  let url = '';
  beforeAll(async () => {
    url = (await useTestDatabase()).url;
  }, 300_000);
  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.end()));
  });

  const pid = (client: pg.Client) => (client as unknown as { processID: number }).processID;

  it('tells a lock wait from a statement that runs and from an idle backend', async () => {
    const [holder, waiter, runner, probeClient] = await Promise.all([open(url), open(url), open(url), open(url)]);
    const probe = pgLockProbe(probeClient);
    await holder.query('CREATE TEMP TABLE IF NOT EXISTS t (id int)');
    expect(await probe.isBlocked(pid(waiter))).toBe(false); // idle

    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(424242)');
    const waiting = waiter.query('SELECT pg_advisory_xact_lock(424242)');
    let blocked = false;
    for (let i = 0; i < 200 && !blocked; i++) blocked = await probe.isBlocked(pid(waiter));
    expect(blocked).toBe(true);
    await holder.query('COMMIT');
    await waiting;
    expect(await probe.isBlocked(pid(waiter))).toBe(false);

    // Runs for 30 ms without waiting on a lock: never blocked, whenever it is probed.
    const running = runner.query('SELECT pg_sleep(0.03)');
    let done = false;
    void running.then(() => (done = true));
    const answers: boolean[] = [];
    while (!done) answers.push(await probe.isBlocked(pid(runner)));
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((answer) => !answer)).toBe(true);
  }, 120_000);
});
