/**
 * Tells whether a Postgres backend is waiting on a lock held by another backend.
 *
 * The bridge keeps one query in flight. A query that blocks on a row lock would stall the run
 * forever (its holder waits at the gate), so a lock wait is a yield point: the bridge asks this
 * probe, through its own connection, whether `pid` is blocked and if so releases the next task.
 */
export interface LockProbe {
  isBlocked(pid: number): Promise<boolean>;
  /** Wait until the backend `pid` has gone, so its locks are really released. */
  waitGone(pid: number): Promise<void>;
}

/**
 * One look, answered at once: is `pid` waiting on a lock held by another backend now? A statement
 * still running is asked about again by the bridge (a few event-loop turns, then 1 ms apart).
 * Watching on the server instead (a plpgsql loop every ~100 us, up to 2 ms) made fewer probes but
 * slower runs: `npm run bench`'s lost-update:locked measured 55-67 cases/s with it and 75-114
 * without, interleaved on two idle cores (likely the loop's CPU beside the statements it watched,
 * and a probe still watching a finished statement holding the probe connection from the next).
 */
const IS_BLOCKED = 'SELECT cardinality(pg_blocking_pids($1::int)) > 0 AS blocked';

/**
 * How long one call watches for a backend to exit (microseconds). A destroyed connection's
 * backend takes a few milliseconds to go, and the release in progress waits for it (its locks
 * go with it): watched on the server every ~100 us it is seen gone at once, where polling from
 * Node slept a timer's millisecond between round trips. Bounded so that probes queued behind it
 * on the one probe connection are not held for long.
 */
const WAIT_GONE_US = 5_000;

/** true once no backend `target` is left; false if it is still there after `max_us`. */
const WAIT_GONE_FUNCTION = `
CREATE OR REPLACE FUNCTION pg_temp.syncsim_wait_gone(target int, max_us int) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  deadline timestamptz := clock_timestamp() + make_interval(secs => max_us / 1e6);
BEGIN
  LOOP
    PERFORM pg_stat_clear_snapshot();
    IF NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = target) THEN
      RETURN true;
    END IF;
    IF clock_timestamp() >= deadline THEN
      RETURN false;
    END IF;
    PERFORM pg_sleep(0.0001);
  END LOOP;
END
$$`;

interface ProbeClient {
  query(text: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

export function pgLockProbe(client: ProbeClient): LockProbe {
  // Probes may overlap (one races a statement's completion and loses); node-postgres wants
  // one query at a time per client, so they queue here.
  let tail: Promise<unknown> = Promise.resolve();
  let createdGone: Promise<unknown> | undefined;
  const query = (text: string, params: unknown[]) => {
    const next = tail.then(() => client.query(text, params));
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    async isBlocked(pid) {
      const { rows } = await query(IS_BLOCKED, [pid]);
      return rows[0]?.blocked === true;
    },
    async waitGone(pid) {
      createdGone ??= query(WAIT_GONE_FUNCTION, []);
      await createdGone;
      for (;;) {
        const { rows } = await query('SELECT pg_temp.syncsim_wait_gone($1::int, $2::int) AS gone', [pid, WAIT_GONE_US]);
        if (rows[0]?.gone === true) return;
      }
    },
  };
}
