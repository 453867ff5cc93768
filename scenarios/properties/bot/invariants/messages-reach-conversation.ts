/**
 * messages-reach-conversation (safety): every customer message the handler acknowledged is in a
 * conversation of the customer's own (channel connection, phone), and counted there. The CRM
 * shows an agent the unread counter; a message acknowledged but never counted (or filed in
 * someone else's conversation) is one nobody answers, and no other invariant looks: the end
 * state of a chat that lost a message is as tidy as any other.
 *
 * Evidence: world.answered, the handler calls that returned (their COMMIT succeeded), whatever
 * they answered. unread_count only grows (nothing in these worlds resets it) and a call whose
 * outcome is unknown may only have added more, so a conversation's counter is at least the
 * number of acknowledged messages filed in it.
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { BotWorld } from '../bot-world.ts';

interface Row {
  id: string;
  key: string;
  unread_count: number;
}

export const messagesReachConversation = defineInvariant<BotWorld>({
  name: 'messages-reach-conversation',
  kind: 'safety',
  description: "every acknowledged customer message is counted in a conversation of the customer's own",
  async check({ db, world }) {
    const answered = world.answered ?? [];
    if (answered.length === 0) return [];
    const violations: Violation[] = [];
    const filed = new Map<string, { key: string; texts: string[] }>();
    for (const { key, text, result } of answered) {
      const conversationId = (result as { conversationId?: unknown } | null | undefined)?.conversationId;
      if (typeof conversationId !== 'string') {
        violations.push({
          invariant: 'messages-reach-conversation',
          message: `"${text}" (${key}): the handler acknowledged it without naming a conversation (it answered ${JSON.stringify(result) ?? 'nothing'})`,
          details: { key, text },
        });
        continue;
      }
      const entry = filed.get(conversationId) ?? { key, texts: [] };
      entry.texts.push(text);
      filed.set(conversationId, entry);
    }
    const { rows } = await db.query<Row>(
      `SELECT id::text, channel_connection_id || '/' || phone AS key, unread_count FROM crm_conversations WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[...filed.keys()]],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const [conversationId, { key, texts }] of filed) {
      const row = byId.get(conversationId);
      const problem = !row
        ? 'which does not exist'
        : row.key !== key
          ? `of ${row.key}`
          : row.unread_count < texts.length
            ? `which counts ${row.unread_count} unread`
            : undefined;
      if (problem)
        violations.push({
          invariant: 'messages-reach-conversation',
          message: `${texts.length} message(s) of ${key} acknowledged in conversation ${conversationId}, ${problem}: ${texts.join(', ')}`,
          details: { conversationId, key, texts, row },
        });
    }
    return violations;
  },
});
