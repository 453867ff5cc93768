/**
 * no-stuck-bot-conversation (liveness): once the run has healed and the scheduler has ticked
 * (the heal phase sleeps past the timeout, then ticks a bounded number of times: 2), no active
 * conversation owned by the bot has been idle longer than the timeout. This is the incident's
 * "EN_COLA_BOT forever", including the shape the shipped fix skipped (file missing AND
 * bot_flow_id NULL).
 */
import { defineInvariant } from 'syncsim';
import type { BotWorld } from '../bot-world.ts';

export const noStuckBotConversation = defineInvariant<BotWorld>({
  name: 'no-stuck-bot-conversation',
  kind: 'liveness',
  description: 'every timed-out active bot conversation is closed within a bounded number of ticks after heal',
  async check({ db, world }) {
    const cutoff = new Date(world.clock.now() - world.timeoutMs).toISOString();
    const { rows } = await db.query<{
      id: string;
      assigned_to: string | null;
      bot_flow_id: string | null;
      updated_at: string;
    }>(
      `SELECT id::text, assigned_to, bot_flow_id, updated_at::text FROM crm_conversations
        WHERE status = 'active' AND (assigned_to = 'bot' OR (assigned_to IS NULL AND (bot_flow_id IS NOT NULL OR bot_started_at IS NOT NULL)))
          AND updated_at <= $1 ORDER BY id`,
      [cutoff],
    );
    return rows.map((row) => ({
      invariant: 'no-stuck-bot-conversation',
      message: `conversation ${row.id} is stuck with the bot (bot_flow_id=${row.bot_flow_id ?? 'NULL'}, idle since ${row.updated_at})`,
      details: { conversationId: row.id, botFlowId: row.bot_flow_id, updatedAt: row.updated_at },
    }));
  },
});
