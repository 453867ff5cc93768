/**
 * The real Postgres connections of one test database, reused from case to case (opening a
 * connection costs ~4 ms; a case should cost less). At the end of a case every connection an
 * actor did not give back (it crashed, or leaked it) is destroyed, and the sweep waits until
 * its backend is gone so its locks cannot leak into the next case.
 */
import pg from 'pg';
import type { LockProbe } from '../schedule/lock-probe.ts';

export class CaseConnections {
  readonly pool: pg.Pool;
  readonly #out = new Set<pg.PoolClient>();

  constructor(url: string, max = 64) {
    this.pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 0 });
    // A destroyed or terminated connection emits 'error' on the pool; it is expected here.
    this.pool.on('error', () => undefined);
  }

  async checkout(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    this.#out.add(client);
    return client;
  }

  giveBack(client: pg.PoolClient, destroy = false): void {
    if (!this.#out.delete(client)) return;
    client.release(destroy);
  }

  /** Destroy connections still checked out; resolves once their backends have exited. */
  async sweep(probe: LockProbe): Promise<void> {
    const leftovers = [...this.#out];
    this.#out.clear();
    await Promise.all(
      leftovers.map(async (client) => {
        const pid = backendPid(client);
        client.release(true);
        if (pid !== undefined) await probe.waitGone(pid);
      }),
    );
  }

  async end(): Promise<void> {
    for (const client of this.#out) client.release(true);
    this.#out.clear();
    await this.pool.end();
  }
}

/** node-postgres keeps the backend pid on the client; its type definitions do not declare it. */
export function backendPid(client: pg.ClientBase): number | undefined {
  const pid = (client as unknown as { processID?: unknown }).processID;
  return typeof pid === 'number' ? pid : undefined;
}
