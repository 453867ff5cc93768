/**
 * no-stale-bot-fields (safety): a conversation the bot no longer owns carries no bot fields.
 * Closed conversations have bot_flow_id, bot_started_at NULL and are not assigned to the bot;
 * an agent's active chat has no bot_flow_id/bot_started_at. Every close and takeover changes
 * these in the same statement as the status/assignee, so this holds at every phase boundary.
 * Rows the world seeded in a legacy shape (world.legacy) are the run's input, not its doing:
 * no-legacy-bot-fields says what must become of them.
 */
import { defineInvariant } from 'syncsim';
import type { BotWorld } from '../bot-world.ts';

export const noStaleBotFields = defineInvariant<BotWorld>({
  name: 'no-stale-bot-fields',
  kind: 'safety',
  description: 'closed conversations and agent chats carry no bot fields',
  async check({ db, world }) {
    const { rows } = await db.query<{
      id: string;
      status: string;
      assigned_to: string | null;
      bot_flow_id: string | null;
      bot_started_at: string | null;
    }>(
      `SELECT id::text, status, assigned_to, bot_flow_id, bot_started_at::text FROM crm_conversations
        WHERE NOT (id = ANY($1::bigint[])) AND ((status = 'closed' AND (bot_flow_id IS NOT NULL OR bot_started_at IS NOT NULL OR assigned_to = 'bot'))
           OR (status = 'active' AND assigned_to <> 'bot' AND (bot_flow_id IS NOT NULL OR bot_started_at IS NOT NULL)))
        ORDER BY id`,
      [world.legacy ?? []],
    );
    return rows.map((row) => ({
      invariant: 'no-stale-bot-fields',
      message: `conversation ${row.id} (${row.status}, assigned to ${row.assigned_to ?? 'nobody'}) still has bot_flow_id=${row.bot_flow_id ?? 'NULL'} bot_started_at=${row.bot_started_at ?? 'NULL'}`,
      details: row,
    }));
  },
});
