/**
 * Pausing Postgres backends, to make lock hand-over deterministic.
 *
 * When a COMMIT releases a row that several backends wait for, Postgres wakes them together and
 * they race (the tuple-lock queue is FIFO, but following the update chain to the new row version
 * is a fresh race). To keep a run a function of its seed, the bridge stops every blocked
 * backend but the oldest before a release (SIGSTOP; a backend sleeping in a lock wait holds no
 * lightweight locks) and lets them continue one at a time, oldest first, each settling before
 * the next. That needs the server's processes on this machine and permission to signal them:
 * true for the embedded server. For DATABASE_URL and Testcontainers servers `noSignals` is used
 * and the wake-up order of three or more waiters on one row can differ between replays.
 */
export interface BackendSignals {
  readonly available: boolean;
  stop(pid: number): void;
  cont(pid: number): void;
}

export const noSignals: BackendSignals = { available: false, stop: () => undefined, cont: () => undefined };

export const localSignals: BackendSignals = {
  available: true,
  stop: (pid) => signal(pid, 'SIGSTOP'),
  cont: (pid) => signal(pid, 'SIGCONT'),
};

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    // The backend is already gone (its connection was destroyed): nothing to pause or resume.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
