/**
 * no-legacy-bot-fields (liveness: checked after the heal phase, in which the operator runs the
 * incident's cleanup with --apply once faults are off): no closed conversation carries bot
 * fields, the seeded legacy rows included (the report's 86). src/bot's answer to those rows is
 * the cleanup, not the scheduler, which never reads closed rows. A legacy agent chat that still
 * carries bot fields is left alone by the cleanup and may keep them: what must hold for it is
 * that the bot never closes or reclaims it (no-agent-chat-closed-by-bot counts a seeded agent
 * chat as taken over from the start).
 */
import { defineInvariant } from 'syncsim';
import type { BotWorld } from '../bot-world.ts';

export const noLegacyBotFields = defineInvariant<BotWorld>({
  name: 'no-legacy-bot-fields',
  kind: 'liveness',
  description: 'once the cleanup has run, no closed conversation (legacy ones included) carries bot fields',
  async check({ db }) {
    const { rows } = await db.query<{ id: string; assigned_to: string | null; bot_flow_id: string | null }>(
      `SELECT id::text, assigned_to, bot_flow_id FROM crm_conversations
        WHERE status = 'closed' AND (bot_flow_id IS NOT NULL OR bot_started_at IS NOT NULL OR assigned_to = 'bot') ORDER BY id`,
    );
    return rows.map((row) => ({
      invariant: 'no-legacy-bot-fields',
      message: `closed conversation ${row.id} still carries bot fields after the cleanup (assigned to ${row.assigned_to ?? 'nobody'}, bot_flow_id=${row.bot_flow_id ?? 'NULL'})`,
      details: row,
    }));
  },
});
