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
 * How long one probe watches a running statement on the server before it answers "not blocked"
 * (microseconds). Watching there, every ~100 us, instead of asking again from Node costs no round
 * trip per look: a statement that runs for a few milliseconds without waiting costs one probe, not
 * one every millisecond, and a lock wait is seen within ~100 us. The answer means the same either
 * way: blocked now, or not (yet).
 */
const WAIT_BLOCKED_US = 2_000;

/**
 * true as soon as `target` waits on a lock held by another backend; false once its statement has
 * run and finished, when none has started within 1 ms, or after `max_us`. A session-local function
 * (pg_temp), so the test database's schema is untouched. pg_stat_clear_snapshot(): pg_stat_activity
 * is otherwise read once per transaction, and the loop must see the statement end.
 */
const WAIT_BLOCKED_FUNCTION = `
CREATE OR REPLACE FUNCTION pg_temp.syncsim_wait_blocked(target int, max_us int) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz := clock_timestamp();
  deadline timestamptz := started + make_interval(secs => max_us / 1e6);
  seen_active boolean := false;
BEGIN
  LOOP
    IF cardinality(pg_blocking_pids(target)) > 0 THEN
      RETURN true;
    END IF;
    PERFORM pg_stat_clear_snapshot();
    IF EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = target AND state = 'active') THEN
      seen_active := true;
    ELSIF seen_active OR clock_timestamp() >= started + interval '1 millisecond' THEN
      -- It ran and finished, or it never started within 1 ms (already finished, or still on its way).
      RETURN false;
    END IF;
    IF clock_timestamp() >= deadline THEN
      RETURN false;
    END IF;
    PERFORM pg_sleep(0.0001);
  END LOOP;
END
$$`;

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
  let created: Promise<unknown> | undefined;
  let createdGone: Promise<unknown> | undefined;
  const query = (text: string, params: unknown[]) => {
    const next = tail.then(() => client.query(text, params));
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    async isBlocked(pid) {
      created ??= query(WAIT_BLOCKED_FUNCTION, []);
      await created;
      const { rows } = await query('SELECT pg_temp.syncsim_wait_blocked($1::int, $2::int) AS blocked', [
        pid,
        WAIT_BLOCKED_US,
      ]);
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
