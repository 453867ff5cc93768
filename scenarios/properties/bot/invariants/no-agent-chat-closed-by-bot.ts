/**
 * no-agent-chat-closed-by-bot (safety): every takeover that committed left the chat with an
 * agent. Agents never close chats in these worlds and the bot never takes a chat back, so a
 * taken-over conversation that is closed or bot-assigned was closed by the bot's timeout.
 * Evidence is the world's takeover log (appended only after COMMIT returned).
 */
import { defineInvariant } from 'syncsim';
import type { BotWorld } from '../bot-world.ts';

export const noAgentChatClosedByBot = defineInvariant<BotWorld>({
  name: 'no-agent-chat-closed-by-bot',
  kind: 'safety',
  description: 'a chat an agent took over is never closed (or reclaimed) by the bot',
  async check({ db, world }) {
    const ids = [...new Set(world.takeovers.map((t) => t.conversationId))];
    if (ids.length === 0) return [];
    const { rows } = await db.query<{ id: string; status: string; assigned_to: string | null }>(
      `SELECT id::text, status, assigned_to FROM crm_conversations WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    );
    return rows
      .filter((row) => row.status !== 'active' || row.assigned_to === null || row.assigned_to === 'bot')
      .map((row) => ({
        invariant: 'no-agent-chat-closed-by-bot',
        message: `conversation ${row.id} was taken over by ${world.takeovers
          .filter((t) => t.conversationId === row.id)
          .map((t) => t.agent)
          .join(', ')} but is now ${row.status}, assigned to ${row.assigned_to ?? 'nobody'}`,
        details: row,
      }));
  },
});
