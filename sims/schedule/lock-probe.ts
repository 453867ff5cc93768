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

interface ProbeClient {
  query(text: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

export function pgLockProbe(client: ProbeClient): LockProbe {
  // Probes may overlap (one races a statement's completion and loses); node-postgres wants
  // one query at a time per client, so they queue here.
  let tail: Promise<unknown> = Promise.resolve();
  const query = (text: string, params: unknown[]) => {
    const next = tail.then(() => client.query(text, params));
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    async isBlocked(pid) {
      const { rows } = await query('SELECT cardinality(pg_blocking_pids($1::int)) AS n', [pid]);
      return Number(rows[0]?.n ?? 0) > 0;
    },
    async waitGone(pid) {
      for (;;) {
        const { rows } = await query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1::int', [pid]);
        if (Number(rows[0]?.n ?? 0) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
  };
}
