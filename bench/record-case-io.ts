/**
 * Records the raw I/O a case's gated operations send, below the gates: every statement the
 * actors' pooled connections run (text and parameters, as sent, in the order they completed),
 * which connections were destroyed, and every request a fake answered. The overhead bench
 * replays this straight (bench/replay-case-io.ts) to measure the floor under the engine. The
 * history cannot serve: it cuts long statements and redacts secrets.
 */
import type pg from 'pg';
import { backendPid } from '../sims/pg/case-connections.ts';
import type { CaseEngine } from '../sims/runner/case-engine.ts';

const RELEASES_LOCKS = /^\s*(COMMIT|END|ROLLBACK|ABORT)\b|unlock/i;

export type RawIo =
  | { kind: 'pg'; pid: number; query: string | pg.QueryConfig; values?: unknown[] }
  | { kind: 'destroy'; pid: number }
  | { kind: 'http'; request: Request };

export interface IoRecorder {
  /** Start a new case's recording; returns the list it fills. */
  begin(): RawIo[];
  /** Stop recording (the list returned by begin stays as it is). */
  end(): void;
}

export function recordCaseIo(engine: CaseEngine): IoRecorder {
  let current: RawIo[] | undefined;
  const wrapped = new WeakSet<pg.PoolClient>();
  const connections = engine.connections;
  const checkout = connections.checkout.bind(connections);
  const giveBack = connections.giveBack.bind(connections);
  connections.checkout = async () => {
    const client = await checkout();
    if (!wrapped.has(client)) {
      wrapped.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        const promise = query(...args);
        const list = current;
        const pid = backendPid(client);
        if (list && pid !== undefined) {
          const [text, values] = args as [string | pg.QueryConfig, unknown[] | undefined];
          const entry: RawIo = { kind: 'pg', pid, query: text, ...(values ? { values } : {}) };
          // A sequential replay must never wait on a lock: a statement goes in when it completed
          // (a lock waiter after the statement that let it go), except one that ends a
          // transaction, which goes in when it was sent: the waiter it wakes may answer first.
          if (RELEASES_LOCKS.test(typeof text === 'string' ? text : text.text)) list.push(entry);
          else
            promise.then(
              () => list.push(entry),
              () => list.push(entry),
            );
        }
        return promise;
      };
    }
    return client;
  };
  connections.giveBack = (client, destroy = false) => {
    const pid = backendPid(client);
    if (destroy && current && pid !== undefined) current.push({ kind: 'destroy', pid });
    giveBack(client, destroy);
  };
  engine.http.observe((request) => current?.push({ kind: 'http', request: request.clone() }));
  return {
    begin: () => (current = []),
    end: () => (current = undefined),
  };
}
