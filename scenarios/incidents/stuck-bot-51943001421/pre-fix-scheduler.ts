/**
 * The BotTimeoutScheduler as it was before the incident fix (incidents.md section C), kept
 * beside the scenario: it selects only rows with bot_flow_id AND bot_started_at set, so a row
 * assigned to the bot with bot_flow_id NULL (chat 51943001421) is never processed; and when it
 * does close a conversation it clears the bot fields but never deletes the session file.
 */
import type { TimeoutDeps } from '../../../src/bot/bot-timeout-scheduler.ts';

export async function preFixTick(deps: TimeoutDeps, options: { timeoutMs: number }): Promise<void> {
  const cutoff = new Date(deps.clock.now() - options.timeoutMs).toISOString();
  const { rows } = await deps.db.query<{ id: string }>(
    `SELECT id::text FROM crm_conversations
      WHERE status = 'active' AND bot_flow_id IS NOT NULL AND bot_started_at IS NOT NULL AND bot_started_at <= $1 ORDER BY id`,
    [cutoff],
  );
  for (const row of rows) {
    await deps.db.query(
      `UPDATE crm_conversations SET status = 'closed', bot_flow_id = NULL, bot_started_at = NULL, assigned_to = NULL WHERE id = $1`,
      [row.id],
    );
  }
}
