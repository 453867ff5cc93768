/**
 * PLANTED BUG: the takeover's session delete is fired and forgotten. The row is handed to the
 * agent under the key's lock, and the bot's file is deleted with `void ... .catch(() => {})`:
 * nobody awaits it, its failure is swallowed (so vitest's unhandled-rejection trap never sees
 * it), and it may run after the COMMIT, after the lock is gone, or after the agent's process
 * has moved on. The end state heals (the sweep removes any file left behind). Caught by the
 * built-in no-leaked-work: gated I/O still pending when the agent's run() settled.
 */
import type { Clock } from '../../../../src/clock.ts';
import type { Db } from '../../../../src/db/db.ts';
import { CONVERSATION_COLUMNS, iso, keyOf, type ConversationRow } from '../../../../src/bot/conversation-row.ts';
import type { SessionStore } from '../../../../src/bot/session-store.ts';
import type { TakeoverResult } from '../../../../src/bot/take-over-conversation.ts';
import { withSessionLock } from '../../../../src/bot/with-session-lock.ts';

export async function unawaitedDeleteTakeover(
  deps: { db: Db; sessions: SessionStore; clock: Clock },
  conversationId: string,
  agentId: string,
): Promise<TakeoverResult> {
  const { rows } = await deps.db.query<ConversationRow>(
    `SELECT ${CONVERSATION_COLUMNS} FROM crm_conversations WHERE id = $1`,
    [conversationId],
  );
  const found = rows[0];
  if (!found) return { tookOver: false, conversationId };
  return withSessionLock(deps.db, keyOf(found), async (tx) => {
    const updated = await tx.query(
      `UPDATE crm_conversations SET assigned_to = $2, bot_flow_id = NULL, bot_started_at = NULL, updated_at = $3
       WHERE id = $1 AND status = 'active'`,
      [conversationId, agentId, iso(deps.clock.now())],
    );
    if (updated.rowCount !== 1) return { tookOver: false, conversationId };
    void deps.sessions.delete(keyOf(found)).catch(() => {});
    return { tookOver: true, conversationId };
  });
}
