/**
 * PLANTED BUG: the close re-checks the row under the lock, but not its activity time. The
 * tick's candidates are read, then each is closed (file first, under the key's lock) if it is
 * still active, still the bot's and still on the same flow - but `updated_at` is left out of
 * the condition. A customer who wrote between the read and the close (the bot answered, the
 * row's activity moved on) has the chat closed moments later. The end state looks like any
 * timed-out chat: closed, no bot fields, no file. Caught by no-close-soon-after-message.
 */
import { keyOf, type ConversationRow } from '../../../../src/bot/conversation-row.ts';
import {
  selectTimedOut,
  sweepSessionFiles,
  type TickReport,
  type TimeoutDeps,
} from '../../../../src/bot/bot-timeout-scheduler.ts';
import { withSessionLock } from '../../../../src/bot/with-session-lock.ts';

const STILL_BOTS = `id = $1 AND status = 'active' AND assigned_to IS NOT DISTINCT FROM $2 AND bot_flow_id IS NOT DISTINCT FROM $3`;

export async function recheckWithoutActivityTick(deps: TimeoutDeps, options: { timeoutMs: number }): Promise<void> {
  const report: TickReport = { closed: [], skipped: [], filesRemoved: [], errors: [] };
  for (const row of await selectTimedOut(deps.db, deps.clock.now() - options.timeoutMs)) {
    try {
      await closeIfStillBots(deps, row);
    } catch {
      // The next tick retries.
    }
  }
  await sweepSessionFiles(deps, report);
}

async function closeIfStillBots(deps: TimeoutDeps, read: ConversationRow): Promise<void> {
  const params = [read.id, read.assigned_to, read.bot_flow_id];
  await withSessionLock(deps.db, keyOf(read), async (tx) => {
    const { rows } = await tx.query(`SELECT id FROM crm_conversations WHERE ${STILL_BOTS} FOR UPDATE`, params);
    if (rows.length !== 1) return;
    await deps.sessions.delete(keyOf(read));
    await tx.query(
      `UPDATE crm_conversations SET status = 'closed', assigned_to = NULL, bot_flow_id = NULL, bot_started_at = NULL WHERE ${STILL_BOTS}`,
      params,
    );
  });
}
