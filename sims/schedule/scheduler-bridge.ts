/**
 * The scheduler bridge: every completion of external I/O in a run passes through here, and
 * fast-check's scheduler decides its order.
 *
 * Guarantees (what makes a run a function of its seed and path):
 * - Schedule BEFORE the call: an operation is started only when the scheduler releases it,
 *   so arrival order at Postgres or a fake is the scheduler's choice, not the event loop's.
 * - One operation in flight: after releasing a task the bridge waits until its I/O has
 *   completed, or (Postgres) is blocked on a lock held by another actor, before the scheduler
 *   may release anything else. A lock wait is therefore a yield point, not a hang.
 * - Completions are handed back in a fixed order: the released operation first, then the
 *   operations it woke (lock waiters, oldest first), each running up to its next gate before
 *   the next is resumed. A COMMIT and the waiter it wakes may reach Node in either order; the
 *   history and the scheduler's queue still see them in one order.
 * - Before any release, every blocked operation is re-examined until it has completed or is
 *   still blocked, so a waiter never completes "whenever".
 * - Every operation is recorded in the history as invoke -> ok | fail | info.
 *
 * Not guaranteed: code that awaits real I/O without going through the bridge (a raw fetch, an
 * ungated pg client) escapes the schedule and makes the run timing-dependent.
 */
import type { SimClock } from '../clock/sim-clock.ts';
import type { CaseScheduler } from './case-scheduler.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';
import type { EventType, HistoryRecorder } from '../history/history.ts';
import { Flight, type GateRequest } from './flight.ts';
import type { LockProbe } from './lock-probe.ts';
import { noSignals, type BackendSignals } from './backend-signals.ts';
import { captureCallSite, describeCallSite } from '../leaks/call-site.ts';
import { untilOrLate } from './until-or-late.ts';
import type { LeakedWork } from '../leaks/leaked-work.ts';
import type { BridgePhase, BridgeTimings } from './bridge-timings.ts';

export interface BridgeOptions {
  history: HistoryRecorder;
  clock: SimClock;
  /** Needed when Postgres operations are gated; lets the bridge detect lock waits. */
  probe?: LockProbe;
  /** Simulated milliseconds each released operation takes (default 1). */
  stepMs?: number;
  /** Decides crash faults at each released operation. */
  faults?: FaultInjector;
  /** Lets the bridge pause blocked backends so several waiters wake in a fixed order. */
  signals?: BackendSignals;
  /** A bench's stopwatch (bridge-timings.ts): where each release's time goes. Never read to decide. */
  timings?: BridgeTimings;
  /**
   * Capture where each operation was started, for a leak report (default true). A captured
   * stack is a few microseconds per operation (7% of lost-update's Node time), so runCase turns
   * it off and replays a case that leaked with it on: the replay is the same case.
   */
  callSites?: boolean;
}

/** How a failed operation is recorded: `fail` (did not happen) or `info` (outcome unknown). */
export type Classify = (error: unknown) => Exclude<EventType, 'invoke' | 'ok'>;

export interface GateOptions<T> {
  classify?: Classify;
  /** What goes in the history for a successful result (default: the value itself, redacted). */
  summarize?: (value: T) => unknown;
}

const failAlways: Classify = () => 'fail';
/** ~1 ms each: a statement running for over a minute without waiting on a lock is stuck. */
const STUCK_POLLS = 60_000;
/** The first probes follow each other at once (a probe round trip paces them); later ones are 1 ms apart. */
const EAGER_POLLS = 4;

export class SchedulerBridge {
  readonly #scheduler: CaseScheduler;
  readonly #history: HistoryRecorder;
  readonly #clock: SimClock;
  readonly #probe: LockProbe | undefined;
  readonly #stepMs: number;
  readonly #faults: FaultInjector | undefined;
  readonly #signals: BackendSignals;
  readonly #timings: BridgeTimings | undefined;
  readonly #callSites: boolean;
  /** When the last release ended (timings only). */
  #releaseEnded: number | undefined;
  readonly #stopped = new Set<Flight>();
  readonly #crashed = new Set<string>();
  readonly #crashListeners: Array<(actor: string) => void> = [];
  readonly #blocked = new Set<Flight>();
  readonly #held = new Set<Promise<unknown>>();
  #seq = 0;
  #closed = false;
  #releasing = false;
  #blockSeq = 0;
  /**
   * Locks may have changed hands outside the released operation: a blocked operation completed,
   * or a connection was destroyed (its backend's exit releases its locks). Sticky until blocked
   * operations are re-examined, so a wake-up is never lost (see #release).
   */
  #dirty = false;
  /** Operations invoked and not yet handed back: what a stalled or unbounded case reports. */
  readonly #live = new Set<Flight>();
  /** Actors the runner registered, and whether their run has ended (a resumed actor that finishes has settled too). */
  readonly #actors = new Map<string, 'running' | 'ended'>();
  readonly #changeWaiters: Array<() => void> = [];
  #tail: Promise<void> = Promise.resolve();
  #failure: unknown;
  /** How many times an operation was found waiting on a lock (each is a yield point taken). */
  lockWaits = 0;
  /** Scheduler steps taken: operations released so far. A case is bounded by this count. */
  steps = 0;
  /** Work actors left running (sims/leaks/leaked-work.ts), in the order it was noticed. */
  readonly leaks: LeakedWork[] = [];

  constructor(scheduler: CaseScheduler, options: BridgeOptions) {
    this.#scheduler = scheduler;
    this.#history = options.history;
    this.#clock = options.clock;
    this.#probe = options.probe;
    this.#stepMs = options.stepMs ?? 1;
    this.#faults = options.faults;
    this.#signals = options.signals ?? noSignals;
    this.#timings = options.timings;
    this.#callSites = options.callSites ?? true;
  }

  /** Time since `since` goes to `phase`; returns now (timings only, else undefined). */
  #lap(phase: BridgePhase | undefined, since: number | undefined): number | undefined {
    if (!this.#timings) return undefined;
    const now = this.#timings.now();
    if (phase !== undefined && since !== undefined) this.#timings.add(phase, now - since);
    return now;
  }

  /** Called when an actor crashes, e.g. to destroy its connections (its transaction rolls back). */
  onCrash(listener: (actor: string) => void): void {
    this.#crashListeners.push(listener);
  }

  clockNow(): number {
    return this.#clock.now();
  }

  get history(): HistoryRecorder {
    return this.#history;
  }

  /**
   * Gate one operation: wait for the scheduler to release it, then `start` it. `start` receives
   * the flight so it can report its Postgres backend pid as soon as it holds a connection.
   */
  async run<T>(request: GateRequest, start: (flight: Flight) => Promise<T>, options: GateOptions<T> = {}): Promise<T> {
    this.#throwIfFailed();
    // Here, before any await, the stack is the caller's.
    const site = this.#callSites ? captureCallSite() : undefined;
    if (this.#closed)
      throw new Error(
        `syncsim: ${request.actor} tried ${request.system} ${request.operation} after the run ended (an un-awaited promise?), started at ${describeCallSite(site ?? captureCallSite())}`,
      );
    const flight = new Flight(request, this.#seq++);
    flight.site = site;
    // The actor's run() already settled: whatever it started is still running without it.
    if (this.#actors.get(request.actor) === 'ended' && !this.#crashed.has(request.actor)) {
      flight.site ??= captureCallSite();
      this.#leak(flight, 'started-after-run-settled');
    }
    this.#live.add(flight);
    const released = this.#scheduler.schedule(Promise.resolve(), label(request), request, (release) =>
      this.#release(flight, release),
    );
    // The actor is parked at this gate now: whoever waits for that (settle, #resume) goes on.
    this.#changedNow();
    await released;

    this.#clock.advance(this.#stepMs);
    const op = this.#history.invoke(request.actor, request.system, request.operation, request.args);
    if (this.#crashed.has(request.actor) || this.#faults?.decide(['crash'], request.actor, request.operation)) {
      // A crash: this operation and everything after it never happen. The actor's promise
      // never settles; the runner stops waiting for it.
      this.#history.complete(op, 'info', { error: 'syncsim fault: actor crashed before this operation' });
      flight.begin(Promise.resolve());
      this.#live.delete(flight);
      if (!this.#crashed.has(request.actor)) {
        this.#crashed.add(request.actor);
        for (const listener of this.#crashListeners) listener(request.actor);
      }
      return new Promise<T>(() => undefined);
    }
    let promise: Promise<T>;
    try {
      promise = start(flight);
    } catch (error) {
      promise = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const settled = promise.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => {
        flight.failed = true;
        return { ok: false as const, error };
      },
    );
    flight.begin(
      settled.then(() => {
        // A blocked operation completed: whatever held its lock let go (a COMMIT, a destroyed
        // connection's backend exiting, a deadlock victim). It must be handed back even if the
        // release in progress would not otherwise look at blocked operations.
        if (this.#blocked.has(flight)) this.#dirty = true;
        // Completed outside a release (a deadlock victim, a lock or statement timeout): hand it
        // back (and re-examine the others) at once.
        if (!this.#releasing) this.#kick();
      }),
    );
    const outcome = await settled;
    await flight.resumed;
    this.#live.delete(flight);
    if (outcome.ok) {
      this.#history.complete(op, 'ok', {
        result: options.summarize ? options.summarize(outcome.value) : outcome.value,
      });
      return outcome.value;
    }
    this.#history.complete(op, (options.classify ?? failAlways)(outcome.error), {
      error: describeError(outcome.error),
    });
    throw outcome.error;
  }

  /** A sleep on the simulated clock is an operation like any other: the scheduler orders wake-ups. */
  async sleep(actor: string, ms: number): Promise<void> {
    const wakeAt = this.#clock.now() + ms;
    await this.run({ actor, system: 'clock', operation: 'sleep', args: { ms } }, () => {
      this.#clock.advanceTo(wakeAt);
      return Promise.resolve();
    });
  }

  /**
   * Background I/O that must finish before the next release, e.g. a destroyed connection's
   * backend going away (its locks are released only then).
   */
  hold(work: Promise<unknown>): void {
    const tracked = work.finally(() => this.#held.delete(tracked));
    this.#held.add(tracked);
    // Whether the work is still running when the release ends depends on timing; that it
    // happened does not: blocked operations are re-examined either way.
    this.#dirty = true;
  }

  /** Resolves once no release or settling pass is running or queued. */
  async idle(): Promise<void> {
    for (let tail = this.#tail; ; tail = this.#tail) {
      await tail;
      if (tail === this.#tail) return;
    }
  }

  /** The runner tells the bridge when an actor starts and when its run ends (finished or failed). */
  actorStarted(actor: string): void {
    this.#actors.set(actor, 'running');
  }

  /**
   * `how` is how its run() settled. Operations of the actor still pending then were never
   * awaited: leaked work, when the run finished normally. A run that failed may leave a sibling
   * of a `Promise.all` it did await, and a crashed actor's operations stop with it: neither is
   * counted (what they start from now on still is).
   */
  actorEnded(actor: string, how: 'ok' | 'failed' | 'crashed' = 'ok'): void {
    this.#actors.set(actor, 'ended');
    this.#changedNow();
    if (how !== 'ok') return;
    for (const flight of [...this.#live].sort((a, b) => a.seq - b.seq))
      if (flight.request.actor === actor && !flight.leaked) this.#leak(flight, 'pending-when-run-settled');
  }

  #leak(flight: Flight, kind: LeakedWork['kind']): void {
    flight.leaked = true;
    const { actor, system, operation, args } = flight.request;
    const sql = (args as { sql?: unknown } | undefined)?.sql;
    this.leaks.push({
      kind,
      actor,
      system,
      operation,
      ...(typeof sql === 'string' ? { sql: sql.replace(/\s+/g, ' ').trim() } : {}),
      // Without call sites, a leak found later has none: the engine's own stack would mislead.
      ...(flight.site ? { site: flight.site } : {}),
    });
  }

  /**
   * Resolves at the next change that can settle a run: an operation reaching its gate, one found
   * waiting on a lock, an actor's run ending. Whoever waits for actors to park waits for this
   * instead of looking again every millisecond.
   */
  changed(): Promise<void> {
    return new Promise((resolve) => this.#changeWaiters.push(resolve));
  }

  #changedNow(): void {
    for (const resolve of this.#changeWaiters.splice(0)) resolve();
  }

  /** True when an operation of `actor` waits at the gate or on a Postgres lock (it cannot move by itself). */
  isParked(actor: string): boolean {
    for (const flight of this.#live)
      if (flight.request.actor === actor && (flight.state === 'waiting' || flight.state === 'blocked')) return true;
    return false;
  }

  /** Operations invoked and not handed back, oldest first, e.g. `blocked customer-1 pg SELECT ...`. */
  pending(): string[] {
    return [...this.#live].sort((a, b) => a.seq - b.seq).map((flight) => describeFlight(flight));
  }

  /** Wait for held background I/O and blocked operations to reach a stable state. */
  quiesce(): Promise<void> {
    return this.#exclusive(() => this.#quiesce());
  }

  /** After the run: any further gated call is a bug in the code under test (work outliving its caller). */
  close(): void {
    this.#closed = true;
    // Never leave a backend stopped: it could not even shut down.
    for (const flight of this.#stopped) if (flight.pid !== undefined) this.#signals.cont(flight.pid);
    this.#stopped.clear();
  }

  // The scheduler calls this when it picks `flight`'s task. It returns once the run is again
  // in a quiet state: nothing running, every completed operation handed back to its caller
  // (in a fixed order) and every other operation blocked.
  #release(flight: Flight, release: () => Promise<unknown>): Promise<void> {
    return this.#exclusive(async () => {
      let lap = this.#lap('scheduler', this.#releaseEnded);
      await this.#quiesce();
      this.#pauseAllButOldest();
      this.#releasing = true;
      this.steps++;
      try {
        await release();
        await flight.started;
        lap = this.#lap('gate', lap);
        const state = await this.#settle(flight);
        const { system } = flight.request;
        lap = this.#lap(
          system === 'pg' ? 'io-pg' : system === 'clock' || system === 'fs' ? 'io-other' : 'io-http',
          lap,
        );
        if (state === 'done') await this.#resume(flight);
        lap = this.#lap('actor', lap);
        while (this.#held.size > 0) await Promise.allSettled([...this.#held]);
        // Only ending a transaction (COMMIT, ROLLBACK, a failed statement) or a backend going
        // away releases locks; anything else cannot wake a waiter, so waiters stay as they are.
        // The decision rests on what happened (a lock-releasing statement, a destroyed
        // connection, a waiter that completed), never on whether a backend's exit or a waiter's
        // completion has reached this process yet: that is timing, and deciding on it lost
        // wake-ups (a waiter granted its lock mid-release, never handed back: a hung run).
        if (this.#dirty || (state === 'done' && flight.mayReleaseLocks())) await this.#settleBlocked();
        this.#lap('blocked', lap);
      } finally {
        this.#releaseEnded = this.#lap(undefined, undefined);
        this.#releasing = false;
        if (this.#dirty) this.#kick();
      }
    });
  }

  async #quiesce(): Promise<void> {
    while (this.#held.size > 0) await Promise.allSettled([...this.#held]);
    if (this.#dirty) await this.#settleBlocked();
  }

  /**
   * Hand a completed operation back to its caller and let it run up to its next gate (or its
   * end) before anything else happens. Waiting one event-loop turn instead made the order in
   * which actors reach the scheduler, and so its choices, depend on how long each took.
   */
  async #resume(flight: Flight): Promise<void> {
    const { actor } = flight.request;
    flight.resume();
    const settled = () => this.#actors.get(actor) === 'ended' || this.#crashed.has(actor) || this.isParked(actor);
    // An actor the runner did not register (a unit test driving the bridge) gets one turn.
    const eagerTurns = this.#actors.has(actor) ? EAGER_TURNS : 1;
    for (let turns = 0; turns < eagerTurns; turns++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled()) return;
    }
    if (!this.#actors.has(actor)) return;
    // Still moving after many turns: it awaits real I/O outside the gates (a library's timer, a
    // body read). Its next gate or its end is an event; wait for that, up to a bound after which
    // the runner reports the stall.
    await untilOrLate(() => this.changed(), settled, RESUME_MS);
  }

  /** Blocked operations in the order they started waiting (Postgres' wait-queue order). */
  #blockedOldestFirst(): Flight[] {
    return [...this.#blocked].sort((a, b) => a.blockedOrder - b.blockedOrder);
  }

  /** With two or more waiters, stop all but the oldest so they cannot race when woken. */
  #pauseAllButOldest(): void {
    if (!this.#signals.available || this.#blocked.size < 2) return;
    const [oldest, ...others] = this.#blockedOldestFirst();
    for (const flight of others) {
      if (flight.pid === undefined || this.#stopped.has(flight)) continue;
      // Two statements of one connection (a Promise.all on a transaction: the second queued in the
      // client behind the first) share a backend: stopping it would stop the oldest waiter too.
      if (flight.pid === oldest?.pid) continue;
      this.#signals.stop(flight.pid);
      this.#stopped.add(flight);
    }
  }

  /**
   * Re-examine blocked operations, oldest first, until each is resumed or (still) blocked. A
   * paused backend is continued only when its turn comes, after the older ones have settled.
   */
  async #settleBlocked(): Promise<void> {
    do {
      this.#dirty = false;
      for (let changed = true; changed;) {
        changed = false;
        for (const flight of this.#blockedOldestFirst()) {
          this.#blocked.delete(flight);
          if (this.#stopped.delete(flight) && flight.pid !== undefined) this.#signals.cont(flight.pid);
          if ((await this.#settle(flight, true)) === 'done') {
            await this.#resume(flight);
            changed = true;
          }
        }
      }
      while (this.#held.size > 0) await Promise.allSettled([...this.#held]);
    } while (this.#dirty);
  }

  /** Run `work` after any release or pass in progress: one of them at a time. */
  #exclusive(work: () => Promise<void>): Promise<void> {
    const next = this.#tail.then(work);
    this.#tail = next.catch(() => undefined);
    return next;
  }

  /** An operation completed on its own: hand it back and settle the rest now. */
  #kick(): void {
    this.#dirty = true;
    this.#exclusive(() => this.#quiesce()).catch((error: unknown) => {
      this.#failure ??= error;
    });
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined)
      throw this.#failure instanceof Error ? this.#failure : new Error(describeError(this.#failure));
  }

  /** Wait until `flight` has completed or is blocked on a lock. */
  async #settle(flight: Flight, wasBlocked = false): Promise<'done' | 'blocked'> {
    const done = flight.done.then(() => 'done' as const);
    // Only a Postgres statement can wait on a lock; a fake's request, a file operation or a sleep
    // runs in this process and completes on its own, so polling it would only add latency.
    if (flight.request.system !== 'pg') return done;
    // A statement that cannot wait on a lock is not probed while it runs; if it is still running
    // after a grace period (a volatile function, a deferred constraint), probing starts anyway.
    // Nor is one that no other session could be blocking now (no open transaction that wrote,
    // nothing else running): a fresh statement, or a waiter whose holder has just let go.
    const unblockable = (!wasBlocked && flight.request.mayWaitOnLock === false) || flight.othersMayBlock?.() === false;
    if (unblockable && (await withinGrace(done)) === 'done') return 'done';
    for (let polls = 0; ; polls++) {
      // A statement that neither completes nor waits on a lock for this long is stuck on
      // something the bridge cannot see (an LWLock, a network stall): fail loudly, never hang.
      if (polls === STUCK_POLLS)
        throw new Error(
          `syncsim: ${label(flight.request)} neither completed nor waited on a lock after ${STUCK_POLLS} polls: ${JSON.stringify(flight.request.args)}`,
        );
      if (flight.isDone()) return 'done';
      // A flight that was blocked is probed at once (it usually still is). A fresh one gets one
      // event-loop turn, then the probe races its completion; after a few probes, 1 ms apart.
      if (
        !(wasBlocked && polls === 0) &&
        (await Promise.race([done, polls < EAGER_POLLS ? turn() : pause()])) === 'done'
      )
        return 'done';
      if (!this.#probe || flight.pid === undefined) continue;
      this.#timings?.probed?.();
      const probed = this.#probe
        .isBlocked(flight.pid)
        .then((blocked) => (blocked ? ('blocked' as const) : ('running' as const)));
      const state = await Promise.race([done, probed]);
      if (state === 'done' || flight.isDone()) return 'done';
      if (state === 'blocked') {
        if (!wasBlocked) {
          this.lockWaits++;
          flight.blockedOrder = ++this.#blockSeq;
        }
        flight.state = 'blocked';
        this.#blocked.add(flight);
        this.#changedNow();
        return 'blocked';
      }
    }
  }
}

/** Event-loop turns a resumed actor gets to reach its next gate before waiting for the event; then a bound. */
const EAGER_TURNS = 64;
const RESUME_MS = 20_000;

/** How long a statement that cannot wait on a lock runs before it is probed anyway. */
const GRACE_MS = 20;

/** `done`, or 'grace' if it takes longer than GRACE_MS; the timer never outlives the race. */
async function withinGrace(done: Promise<'done'>): Promise<'done' | 'grace'> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'grace'>((resolve) => (timer = setTimeout(() => resolve('grace'), GRACE_MS)));
  try {
    return await Promise.race([done, grace]);
  } finally {
    clearTimeout(timer);
  }
}

function turn(): Promise<'turn'> {
  return new Promise((resolve) => setImmediate(() => resolve('turn')));
}

function pause(): Promise<'pause'> {
  return new Promise((resolve) => setTimeout(() => resolve('pause'), 1));
}

function describeFlight(flight: Flight): string {
  const { actor, system, operation, args } = flight.request;
  const sql = (args as { sql?: unknown } | undefined)?.sql;
  const what = typeof sql === 'string' ? (sql.length > 120 ? `${sql.slice(0, 120)}...` : sql) : operation;
  return `${flight.state === 'waiting' ? 'at the gate' : flight.state} ${actor} ${system} ${what}`;
}

function label(request: GateRequest): string {
  return `${request.actor}:${request.system}:${request.operation}`;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
