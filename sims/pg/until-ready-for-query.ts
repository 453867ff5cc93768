/**
 * Resolves once the connection's backend has finished with its last statement.
 *
 * node-postgres rejects a failed statement as soon as the ErrorResponse arrives, and Postgres
 * sends (and flushes) that message BEFORE it aborts the transaction and releases its locks;
 * ReadyForQuery follows once it has. Handing the failure back at the first message made a lock
 * waiter's wake-up land before or after the next release depending on which process the OS ran
 * first (seen: a replay where a waiter got the advisory lock of a transaction whose COMMIT had
 * failed one step earlier than in the original run). Waiting for ReadyForQuery makes "the
 * statement failed" mean "and its transaction's locks are gone", every time.
 */
import type { EventEmitter } from 'node:events';
import type pg from 'pg';

interface ClientInternals {
  readyForQuery?: boolean;
  connection?: EventEmitter;
}

export function untilReadyForQuery(client: pg.ClientBase): Promise<void> {
  const { readyForQuery, connection } = client as unknown as ClientInternals;
  if (readyForQuery !== false || !connection) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      connection.off('readyForQuery', done);
      connection.off('end', done);
      resolve();
    };
    connection.on('readyForQuery', done);
    // A connection that dies (lost, terminated) never sends it; its backend is gone anyway.
    connection.on('end', done);
  });
}
