import type { GateRequest } from '../../fakes/io-gate.ts';

// Declared once, where fakes/ can see it too; re-exported because the engine names it from here.
export type { GateRequest };

export type FlightState = 'waiting' | 'running' | 'blocked' | 'done';

/**
 * One gated operation, from the moment the scheduler releases it until its caller resumes.
 * `pid` is the Postgres backend serving it, once it holds a connection: the bridge needs it
 * to tell a lock wait from a slow query. `done` settles when the I/O completes; the caller
 * only continues when the bridge calls `resume()`, so two operations that complete in the same
 * instant (a COMMIT and the lock waiter it wakes) are always handed back in the same order.
 */
export class Flight {
  readonly request: GateRequest;
  readonly seq: number;
  state: FlightState = 'waiting';
  pid: number | undefined;
  /** When it first blocked, in bridge order: Postgres queues waiters in this order. */
  blockedOrder = 0;
  failed = false;
  /**
   * Set by the gate that starts a statement: could another session hold a lock it would wait
   * for, now? If not, the bridge does not probe it (unless it outlasts a grace period).
   */
  othersMayBlock: (() => boolean) | undefined;
  /** Where the operation was started (a leak report names it; sims/leaks/call-site.ts). */
  site: Error | undefined;
  /** Already reported as leaked work (reported once). */
  leaked = false;
  done: Promise<void> = Promise.resolve();
  readonly started: Promise<void>;
  readonly resumed: Promise<void>;
  #resolveStarted!: () => void;
  #resolveResumed!: () => void;

  constructor(request: GateRequest, seq: number) {
    this.request = request;
    this.seq = seq;
    this.started = new Promise<void>((resolve) => (this.#resolveStarted = resolve));
    this.resumed = new Promise<void>((resolve) => (this.#resolveResumed = resolve));
  }

  /** Could completing this operation have released Postgres locks others wait for? */
  mayReleaseLocks(): boolean {
    return this.failed || this.request.releasesLocks === true;
  }

  isDone(): boolean {
    return this.state === 'done';
  }

  /** Called once the I/O has been started (or was skipped because the gate threw). */
  begin(done: Promise<void>): void {
    this.state = 'running';
    this.done = done.then(() => {
      this.state = 'done';
    });
    this.#resolveStarted();
  }

  resume(): void {
    this.#resolveResumed();
  }
}
