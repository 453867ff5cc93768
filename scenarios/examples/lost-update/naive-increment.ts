import type { Db } from '../../../src/db/db.ts';

/**
 * The bug: read the counter, add one in the application, write it back. Two deliveries that
 * read the same value both write value + 1, and one message is lost from the unread count.
 */
export async function naiveIncrement(db: Db, conversationId: number): Promise<void> {
  const { rows } = await db.query<{ unread_count: number }>(
    'SELECT unread_count FROM crm_conversations WHERE id = $1',
    [conversationId],
  );
  const current = rows[0]?.unread_count;
  if (current === undefined) throw new Error(`conversation ${conversationId} not found`);
  await db.query('UPDATE crm_conversations SET unread_count = $2 WHERE id = $1', [conversationId, current + 1]);
}
