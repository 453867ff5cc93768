/**
 * PLANTED BUG: update the row first, delete the file after, with no recovery. The close is
 * committed (correctly, under the lock and conditional), then the file is deleted outside it;
 * and the tick has no orphan sweep. A crash (or a failed unlink) between the COMMIT and the
 * unlink leaves a session file no conversation owns, forever. Caught by no-orphan-session.
 */
import { selectTimedOut, type TimeoutDeps } from '../../../../src/bot/bot-timeout-scheduler.ts';
import { withSessionLock } from '../../../../src/bot/with-session-lock.ts';

export async function rowFirstNoRecoveryTick(deps: TimeoutDeps, options: { timeoutMs: number }): Promise<void> {
  for (const row of await selectTimedOut(deps.db, deps.clock.now() - options.timeoutMs)) {
    const key = { phone: row.phone, channelConnectionId: Number(row.channel_connection_id) };
    try {
      const closed = await withSessionLock(deps.db, key, async (tx) => {
        const { rowCount } = await tx.query(
          `UPDATE crm_conversations SET status = 'closed', assigned_to = NULL, bot_flow_id = NULL, bot_started_at = NULL
            WHERE id = $1 AND status = 'active' AND assigned_to IS NOT DISTINCT FROM $2 AND updated_at = $3::timestamptz`,
          [row.id, row.assigned_to, row.updated_at],
        );
        return rowCount === 1;
      });
      if (closed) await deps.sessions.delete(key);
    } catch {
      // Next conversation; nothing ever comes back for this file.
    }
  }
}
