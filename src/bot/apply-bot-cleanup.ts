/**
 * Run the cleanup: dry-run (the default) only plans and reports counts per category;
 * `apply: true` performs each operation under the key's lock after re-checking that it still
 * applies (a customer may have started a new conversation since the plan), so applying twice,
 * or after a crash, is safe: the second run finds nothing to do.
 */
import type { Db } from '../db/db.ts';
import { BOT } from './conversation-row.ts';
import { planBotCleanup, CLOSED_WITH_BOT_FIELDS } from './plan-bot-cleanup.ts';
import { parseSessionFileName } from './session-file-name.ts';
import type { SessionStore } from './session-store.ts';
import { withSessionLock } from './with-session-lock.ts';

export interface BotCleanupCounts {
  orphanFiles: number;
  closedConversationFiles: number;
  closedWithBotFields: number;
  total: number;
}

export interface BotCleanupReport {
  mode: 'dry-run' | 'apply';
  planned: BotCleanupCounts;
  /** Operations actually performed (zero in dry-run). */
  applied: BotCleanupCounts;
}

export async function runBotCleanup(
  deps: { db: Db; sessions: SessionStore },
  options: { apply?: boolean } = {},
): Promise<BotCleanupReport> {
  const plan = await planBotCleanup(deps);
  const planned = countsOf(
    plan.orphanFiles.length,
    plan.closedConversationFiles.length,
    plan.closedWithBotFields.length,
  );
  if (!options.apply) return { mode: 'dry-run', planned, applied: countsOf(0, 0, 0) };
  const orphans = await removeFiles(deps, plan.orphanFiles, 'none');
  // Stryker disable next-line StringLiteral: removeFiles tests `expect === 'none'` only, so any other tag means 'closed'
  const closedFiles = await removeFiles(deps, plan.closedConversationFiles, 'closed');
  let cleared = 0;
  for (const id of plan.closedWithBotFields) {
    const { rowCount } = await deps.db.query(
      `UPDATE crm_conversations SET bot_flow_id = NULL, bot_started_at = NULL, assigned_to = CASE WHEN assigned_to = '${BOT}' THEN NULL ELSE assigned_to END
        WHERE id = $1 AND ${CLOSED_WITH_BOT_FIELDS}`,
      [id],
    );
    cleared += rowCount ?? 0;
  }
  return { mode: 'apply', planned, applied: countsOf(orphans, closedFiles, cleared) };
}

/** Delete files whose key (re-checked under its lock) has no conversation / no active one. */
async function removeFiles(
  deps: { db: Db; sessions: SessionStore },
  names: string[],
  expect: 'none' | 'closed',
): Promise<number> {
  let removed = 0;
  for (const name of names) {
    // The plan lists only names that parsed as session files.
    const key = parseSessionFileName(name)!;
    const done = await withSessionLock(deps.db, key, async (tx) => {
      const { rows } = await tx.query<{ n: number; active: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'active')::int AS active FROM crm_conversations WHERE channel_connection_id = $1 AND phone = $2`,
        [key.channelConnectionId, key.phone],
      );
      const { n, active } = rows[0]!;
      const stillApplies = expect === 'none' ? n === 0 : n > 0 && active === 0;
      return stillApplies && (await deps.sessions.deleteFile(name));
    });
    if (done) removed++;
  }
  return removed;
}

function countsOf(orphanFiles: number, closedConversationFiles: number, closedWithBotFields: number): BotCleanupCounts {
  return {
    orphanFiles,
    closedConversationFiles,
    closedWithBotFields,
    total: orphanFiles + closedConversationFiles + closedWithBotFields,
  };
}

/** The console line the operator reads, e.g. "dry-run: 12 orphan files, 11 ... = 109 operations". */
export function formatBotCleanup(report: BotCleanupReport): string {
  const c = report.mode === 'apply' ? report.applied : report.planned;
  return `${report.mode}: ${c.orphanFiles} orphan files, ${c.closedConversationFiles} files of closed conversations, ${c.closedWithBotFields} closed conversations with bot fields = ${c.total} operations`;
}
