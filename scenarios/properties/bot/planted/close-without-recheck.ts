/**
 * PLANTED BUG: close without re-checking the row. The tick selects timed-out bot chats, then
 * deletes each file and closes the row by id alone, without the key lock and without "only if
 * the row is still what I read". An agent who takes the chat over in between has it closed
 * under them. Caught by no-agent-chat-closed-by-bot.
 */
import {
  selectTimedOut,
  sweepSessionFiles,
  type TickReport,
  type TimeoutDeps,
} from '../../../../src/bot/bot-timeout-scheduler.ts';

export async function closeWithoutRecheckTick(deps: TimeoutDeps, options: { timeoutMs: number }): Promise<void> {
  const report: TickReport = { closed: [], skipped: [], filesRemoved: [], errors: [] };
  for (const row of await selectTimedOut(deps.db, deps.clock.now() - options.timeoutMs)) {
    const key = { phone: row.phone, channelConnectionId: Number(row.channel_connection_id) };
    await deps.sessions.delete(key);
    await deps.db.query(
      `UPDATE crm_conversations SET status = 'closed', assigned_to = NULL, bot_flow_id = NULL, bot_started_at = NULL WHERE id = $1`,
      [row.id],
    );
  }
  await sweepSessionFiles(deps, report);
}
