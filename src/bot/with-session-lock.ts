/**
 * Every change to one conversation key's row AND session file happens inside one transaction
 * holding a transaction-scoped advisory lock on the key (channel connection, phone). The
 * inbound handler, the agent takeover, the timeout scheduler and the cleanup all take it, so
 * "read row, touch file, write row" is never interleaved with another actor's for that key.
 * The file operation happens before COMMIT: if the process dies in between, Postgres rolls the
 * row back and releases the lock, and the next scheduler tick repairs the file side.
 */
import type { Db, DbClient } from '../db/db.ts';
import { withTransaction } from '../db/with-transaction.ts';
import type { SessionKey } from './session-file-name.ts';

export async function withSessionLock<T>(db: Db, key: SessionKey, work: (tx: DbClient) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [key.channelConnectionId, key.phone]);
    return work(tx);
  });
}
