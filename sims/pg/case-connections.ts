/**
 * The real Postgres connections of one test database, reused from case to case. Opening one
 * costs a backend fork and its first catalog reads: 5-25 ms here, more than many cases, and a
 * case destroys connections on purpose (a crashed actor's, a lost connection's). So every
 * destroyed connection's replacement starts opening at once, beside the case, and the next
 * checkout that finds no idle connection takes it instead of opening one itself.
 *
 * Which backend a statement lands on never reaches the history or a decision (the bridge only
 * uses the pid to probe and signal that backend), so the spares change the speed, not the run.
 *
 * At the end of a case every connection an actor did not give back (it crashed, or leaked it) is
 * destroyed, and the sweep waits until its backend is gone so its locks cannot leak into the
 * next case.
 */
import type { EventEmitter } from 'node:events';
import pg from 'pg';
import { SessionLocks } from './session-locks.ts';
import type { LockProbe } from '../schedule/lock-probe.ts';

export class CaseConnections {
  readonly #url: string;
  /** Connected and unused, most recently returned last (reused first: its caches are warm). */
  readonly #idle: pg.PoolClient[] = [];
  /** Replacements being opened for destroyed connections, oldest first. */
  readonly #opening: Array<Promise<pg.PoolClient>> = [];
  readonly #out = new Set<pg.PoolClient>();
  /** What locks each session may hold (fed by gated-db.ts with what it sends). */
  readonly locks = new SessionLocks<pg.ClientBase>();
  #ended = false;

  constructor(url: string) {
    this.#url = url;
  }

  async checkout(): Promise<pg.PoolClient> {
    const client = this.#idle.pop() ?? (await (this.#opening.shift() ?? this.#open()));
    this.#out.add(client);
    return client;
  }

  giveBack(client: pg.PoolClient, destroy = false): void {
    if (!this.#out.delete(client)) return;
    if (!destroy && !this.#ended) {
      this.#idle.push(client);
      return;
    }
    // end() sends Terminate and closes the socket: the backend rolls back and exits.
    client.end().catch(() => undefined);
    if (!this.#ended) this.#openSpare();
  }

  /**
   * End a connection's session without ending its backend: what a lost connection or a crashed
   * process leaves in Postgres is exactly this - its transaction rolled back (its row and
   * transaction-level locks released) and its session state gone (session advisory locks,
   * settings, temp tables, cursors, LISTENs) - so the caller's client is discarded as lost while
   * the backend goes back to the idle ones, instead of exiting and a replacement being forked.
   * What a new backend would differ in is only warm: its caches and the prepared statements,
   * which the node-postgres client object that goes with them still knows about. A fork costs
   * 5-25 ms of server CPU and the prepared statements' re-parsing more; properties-bot destroys
   * 2.5 connections a case. The caller must not use `client` again. Resolves once the session is
   * reset (the locks are released then); if the reset fails, the connection is destroyed.
   */
  async recycle(client: pg.PoolClient): Promise<void> {
    if (!this.#out.has(client)) return;
    try {
      // ROLLBACK outside a transaction only warns. Then DISCARD ALL but DEALLOCATE ALL and DISCARD PLANS.
      await client.query('ROLLBACK');
      await client.query(SESSION_RESET);
      this.locks.reset(client);
    } catch {
      this.giveBack(client, true);
      return;
    }
    this.giveBack(client);
  }

  /**
   * Could a session other than `self` (running a statement, or idle) hold a lock `sql` would
   * wait for? Connections being opened, or ended, hold none.
   */
  othersMayBlock(self: pg.PoolClient | undefined, sql: string, running: (client: pg.PoolClient) => boolean): boolean {
    for (const clients of [this.#idle, this.#out])
      for (const client of clients)
        if (client !== self && (running(client) || this.locks.mayBlock(client, sql))) return true;
    return false;
  }

  /** Destroy connections still checked out; resolves once their backends have exited. */
  async sweep(probe: LockProbe): Promise<void> {
    const leftovers = [...this.#out];
    await Promise.all(
      leftovers.map(async (client) => {
        const pid = backendPid(client);
        this.giveBack(client, true);
        if (pid !== undefined) await probe.waitGone(pid);
      }),
    );
  }

  async end(): Promise<void> {
    this.#ended = true;
    const opening = this.#opening.splice(0);
    const all = [...this.#idle.splice(0), ...this.#out];
    this.#out.clear();
    const opened = await Promise.allSettled(opening);
    for (const result of opened) if (result.status === 'fulfilled') all.push(result.value);
    await Promise.allSettled(all.map((client) => client.end()));
  }

  #openSpare(): void {
    const spare = this.#open();
    // A spare that fails to open fails the checkout that takes it, as opening there would.
    spare.catch(() => undefined);
    this.#opening.push(spare);
  }

  async #open(): Promise<pg.PoolClient> {
    const client = new pg.Client({ connectionString: this.#url });
    // A destroyed or terminated connection emits 'error'; expected here (the caller saw its own error).
    client.on('error', () => undefined);
    const { connection } = client as unknown as { connection: EventEmitter };
    connection.on('readyForQuery', (message: { status: string }) => this.locks.ready(client, message.status));
    await client.connect();
    // The shape actors get (pg.PoolClient): release() gives it back, release(true) destroys it.
    const pooled: pg.PoolClient = Object.assign(client, {
      release: (destroy?: Error | boolean) => this.giveBack(pooled, destroy !== undefined && destroy !== false),
    });
    return pooled;
  }
}

/** A session's state, as DISCARD ALL resets it, except the prepared statements and their plans. */
const SESSION_RESET =
  'CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES';

/** node-postgres keeps the backend pid on the client; its type definitions do not declare it. */
export function backendPid(client: pg.ClientBase): number | undefined {
  const pid = (client as unknown as { processID?: unknown }).processID;
  return typeof pid === 'number' ? pid : undefined;
}
