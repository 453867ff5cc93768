/**
 * An agent takes a conversation over: assigned_to becomes the agent, the bot fields are
 * cleared and the bot's session file is deleted, all under the key's lock. From then on the
 * timeout scheduler never touches the chat (it only closes bot conversations).
 */
import type { Db } from '../db/db.ts';
import type { Clock } from '../clock.ts';
import { CONVERSATION_COLUMNS, iso, isAgent, keyOf, type ConversationRow } from './conversation-row.ts';
import type { SessionStore } from './session-store.ts';
import { withSessionLock } from './with-session-lock.ts';

export interface TakeoverResult {
  tookOver: boolean;
  conversationId: string;
}

export async function takeOverConversation(
  deps: { db: Db; sessions: SessionStore; clock: Clock },
  conversationId: string,
  agentId: string,
): Promise<TakeoverResult> {
  if (!isAgent(agentId)) throw new Error(`'${agentId}' is not an agent id`);
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
    await deps.sessions.delete(keyOf(found));
    return { tookOver: true, conversationId };
  });
}
