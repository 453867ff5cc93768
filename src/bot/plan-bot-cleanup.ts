/**
 * The cleanup's plan, pure reading: the report's three categories.
 *   1. orphan files: a session file whose key has no conversation at all;
 *   2. files of closed conversations: the key has conversations but none is active;
 *   3. closed conversations that still carry bot fields (bot_flow_id, bot_started_at, or
 *      assigned_to = 'bot').
 * Leftover temp files and files of active conversations are not the cleanup's business (the
 * scheduler's sweep owns them).
 */
import type { Db } from '../db/db.ts';
import { BOT } from './conversation-row.ts';
import { parseSessionFileName } from './session-file-name.ts';
import type { SessionStore } from './session-store.ts';

export interface BotCleanupPlan {
  orphanFiles: string[];
  closedConversationFiles: string[];
  /** Conversation ids. */
  closedWithBotFields: string[];
}

export const CLOSED_WITH_BOT_FIELDS = `status = 'closed' AND (bot_flow_id IS NOT NULL OR bot_started_at IS NOT NULL OR assigned_to = '${BOT}')`;

export async function planBotCleanup(deps: { db: Db; sessions: SessionStore }): Promise<BotCleanupPlan> {
  const { rows } = await deps.db.query<{ key: string; active: boolean }>(
    // ORDER BY: a hash aggregate's row order is not a contract, and the history records these rows.
    `SELECT channel_connection_id::text || '/' || phone AS key, bool_or(status = 'active') AS active FROM crm_conversations GROUP BY 1 ORDER BY 1`,
  );
  const conversations = new Map(rows.map((r) => [r.key, r.active]));
  const orphanFiles: string[] = [];
  const closedConversationFiles: string[] = [];
  for (const name of (await deps.sessions.list()).sort()) {
    const parsed = parseSessionFileName(name);
    if (!parsed || parsed.temp) continue;
    const active = conversations.get(`${parsed.channelConnectionId}/${parsed.phone}`);
    if (active === undefined) orphanFiles.push(name);
    else if (!active) closedConversationFiles.push(name);
  }
  const stale = await deps.db.query<{ id: string }>(
    `SELECT id::text FROM crm_conversations WHERE ${CLOSED_WITH_BOT_FIELDS} ORDER BY id`,
  );
  return { orphanFiles, closedConversationFiles, closedWithBotFields: stale.rows.map((r) => r.id) };
}

export function planTotal(plan: BotCleanupPlan): number {
  return plan.orphanFiles.length + plan.closedConversationFiles.length + plan.closedWithBotFields.length;
}
