/**
 * The report's fix, as shipped: it also selects rows with assigned_to = 'bot', reads the flow
 * id from the JSON file when the row has none, and deletes the file before clearing the bot
 * fields and closing. But it "skips the chat without error if the JSON file is missing": a
 * row assigned to the bot with bot_flow_id NULL and no file stays active forever. It also
 * closes without re-checking the row (no lock, unconditional UPDATE).
 */
import type { TimeoutDeps } from '../../../src/bot/bot-timeout-scheduler.ts';

export async function asShippedTick(
  deps: TimeoutDeps,
  options: { timeoutMs: number },
): Promise<Array<{ id: string; flowId: string }>> {
  const closed: Array<{ id: string; flowId: string }> = [];
  const cutoff = new Date(deps.clock.now() - options.timeoutMs).toISOString();
  const { rows } = await deps.db.query<{
    id: string;
    phone: string;
    channel_connection_id: string;
    bot_flow_id: string | null;
  }>(
    `SELECT id::text, phone, channel_connection_id::text, bot_flow_id FROM crm_conversations
      WHERE status = 'active' AND ((bot_flow_id IS NOT NULL AND bot_started_at IS NOT NULL) OR assigned_to = 'bot')
        AND coalesce(bot_started_at, updated_at) <= $1 ORDER BY id`,
    [cutoff],
  );
  for (const row of rows) {
    const key = { phone: row.phone, channelConnectionId: Number(row.channel_connection_id) };
    let flowId = row.bot_flow_id;
    if (flowId === null) {
      const file = await deps.sessions.read(key);
      // The shipped behaviour: no flow id anywhere -> skip without error. Stuck forever.
      if (file.kind !== 'present') continue;
      flowId = file.session.flowId;
    }
    await deps.sessions.delete(key);
    await deps.db.query(
      `UPDATE crm_conversations SET status = 'closed', bot_flow_id = NULL, bot_started_at = NULL, assigned_to = NULL WHERE id = $1`,
      [row.id],
    );
    closed.push({ id: row.id, flowId });
  }
  return closed;
}
