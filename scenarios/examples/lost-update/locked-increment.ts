import type { Db } from '../../../src/db/db.ts';
import { withTransaction } from '../../../src/db/with-transaction.ts';

/**
 * The fix: the same read-modify-write inside a transaction that locks the row first
 * (SELECT ... FOR UPDATE), so a concurrent delivery waits for the first to commit and reads
 * its result. The lock wait is what the scheduler bridge must treat as a yield point.
 */
export async function lockedIncrement(db: Db, conversationId: number): Promise<void> {
  await withTransaction(db, async (tx) => {
    const { rows } = await tx.query<{ unread_count: number }>(
      'SELECT unread_count FROM crm_conversations WHERE id = $1 FOR UPDATE',
      [conversationId],
    );
    const current = rows[0]?.unread_count;
    if (current === undefined) throw new Error(`conversation ${conversationId} not found`);
    await tx.query('UPDATE crm_conversations SET unread_count = $2 WHERE id = $1', [conversationId, current + 1]);
  });
}
