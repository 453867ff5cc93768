/**
 * BotTimeoutScheduler: one tick closes every active bot conversation whose session timed out,
 * then sweeps session files no active bot conversation owns.
 *
 * What it closes (the incident's three shapes): bot_flow_id set (the original case);
 * assigned_to = 'bot' with bot_flow_id NULL, the flow id read from the file (the case the
 * report's fix added); and the same with the file missing or torn (the case that fix still
 * skipped "without error"): closed too, with the flow id unknown. A chat assigned to an agent is
 * never closed, whatever stale bot fields it carries.
 *
 * Races: candidates are read without locks, then each is closed under the key's lock and ONLY
 * if the row is still what was read (status, assignee, flow id, updated_at): a customer message
 * that re-engaged the bot or an agent who took over in between wins, and the chat is skipped.
 *
 * Crashes: `file-first` deletes the file and updates the row in one locked transaction (a crash
 * in between rolls the row back: still a timed-out bot row, closed by the next tick).
 * `row-first` commits the close and then reconciles the file (a crash in between leaves a
 * file with no bot conversation, removed by the sweep). Either way the next tick converges.
 */
import type { Clock } from '../clock.ts';
import type { Db, DbClient } from '../db/db.ts';
import { BOT, CONVERSATION_COLUMNS, iso, keyOf, type ConversationRow } from './conversation-row.ts';
import { parseSessionFileName, sessionFileName, type SessionKey } from './session-file-name.ts';
import type { SessionStore } from './session-store.ts';
import { withSessionLock } from './with-session-lock.ts';

export interface TimeoutDeps {
  db: Db;
  sessions: SessionStore;
  clock: Clock;
}

export interface TimeoutOptions {
  /** A bot conversation with no activity for this long is closed. */
  timeoutMs: number;
  closeOrder?: 'file-first' | 'row-first';
}

export interface ClosedConversation {
  id: string;
  /** From the row, else from the session file, else unknown (file missing or torn). */
  flowId: string | null;
  flowIdFrom: 'row' | 'file' | 'unknown';
}

export interface TickReport {
  closed: ClosedConversation[];
  /** Changed since it was read (re-engaged, taken over, closed by another tick). */
  skipped: string[];
  filesRemoved: string[];
  errors: Array<{ target: string; error: string }>;
}

export const DEFAULT_BOT_TIMEOUT_MS = 30 * 60_000;

/** Active conversations the bot owns whose last activity is older than the timeout. */
export async function selectTimedOut(db: Db, cutoffMs: number): Promise<ConversationRow[]> {
  const { rows } = await db.query<ConversationRow>(
    `SELECT ${CONVERSATION_COLUMNS} FROM crm_conversations
      WHERE status = 'active' AND (assigned_to = $1 OR (assigned_to IS NULL AND (bot_flow_id IS NOT NULL OR bot_started_at IS NOT NULL)))
        AND updated_at <= $2 ORDER BY id`,
    [BOT, iso(cutoffMs)],
  );
  return rows;
}

export async function tickBotTimeouts(deps: TimeoutDeps, options: TimeoutOptions): Promise<TickReport> {
  const report: TickReport = { closed: [], skipped: [], filesRemoved: [], errors: [] };
  for (const candidate of await selectTimedOut(deps.db, deps.clock.now() - options.timeoutMs)) {
    try {
      const closed = await closeIfUnchanged(deps, candidate, options.closeOrder ?? 'file-first');
      if (closed) report.closed.push(closed);
      else report.skipped.push(candidate.id);
    } catch (error) {
      report.errors.push({ target: `conversation ${candidate.id}`, error: String(error) });
    }
  }
  await sweepSessionFiles(deps, report);
  return report;
}

/** Close `read` if, under the key's lock, the row is still exactly what was read. */
export async function closeIfUnchanged(
  deps: TimeoutDeps,
  read: ConversationRow,
  order: 'file-first' | 'row-first',
): Promise<ClosedConversation | undefined> {
  const key = keyOf(read);
  const closed = await withSessionLock(deps.db, key, async (tx) => {
    const file = await deps.sessions.read(key);
    const flowFromFile = file.kind === 'present' ? file.session.flowId : null;
    const result: ClosedConversation = {
      id: read.id,
      flowId: read.bot_flow_id ?? flowFromFile,
      flowIdFrom: read.bot_flow_id !== null ? 'row' : flowFromFile !== null ? 'file' : 'unknown',
    };
    if (order === 'file-first') {
      if (!(await stillAsRead(tx, read))) return undefined;
      await deps.sessions.delete(key);
    }
    return (await closeRowAsRead(tx, read)) ? result : undefined;
  });
  // row-first: the close is committed; the file goes now, or at the next sweep after a crash.
  if (closed && order === 'row-first') await reconcileKey(deps, key, []);
  return closed;
}

/** The read state, as a WHERE clause: the conditional part of every close. */
const AS_READ = `id = $1 AND status = 'active' AND assigned_to IS NOT DISTINCT FROM $2 AND bot_flow_id IS NOT DISTINCT FROM $3 AND updated_at = $4::timestamptz`;

async function stillAsRead(tx: DbClient, read: ConversationRow): Promise<boolean> {
  const { rows } = await tx.query(`SELECT id FROM crm_conversations WHERE ${AS_READ} FOR UPDATE`, [
    read.id,
    read.assigned_to,
    read.bot_flow_id,
    read.updated_at,
  ]);
  return rows.length === 1;
}

async function closeRowAsRead(tx: DbClient, read: ConversationRow): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE crm_conversations SET status = 'closed', assigned_to = NULL, bot_flow_id = NULL, bot_started_at = NULL WHERE ${AS_READ}`,
    [read.id, read.assigned_to, read.bot_flow_id, read.updated_at],
  );
  return rowCount === 1;
}

/** Remove every session (or leftover temp) file that no active bot conversation owns. */
export async function sweepSessionFiles(deps: TimeoutDeps, report: TickReport): Promise<void> {
  const byKey = new Map<string, { key: SessionKey; names: string[] }>();
  for (const name of (await deps.sessions.list()).sort()) {
    const parsed = parseSessionFileName(name);
    if (!parsed) continue;
    const id = `${parsed.channelConnectionId}/${parsed.phone}`;
    const entry = byKey.get(id) ?? {
      key: { phone: parsed.phone, channelConnectionId: parsed.channelConnectionId },
      names: [],
    };
    entry.names.push(name);
    byKey.set(id, entry);
  }
  for (const { key, names } of byKey.values()) {
    try {
      report.filesRemoved.push(...(await reconcileKey(deps, key, names)));
    } catch (error) {
      report.errors.push({ target: `session ${key.channelConnectionId}/${key.phone}`, error: String(error) });
    }
  }
}

/**
 * Under the key's lock: if no active bot conversation owns the key, delete its session file;
 * always delete leftover temp files (no writer can be mid-write while we hold the lock).
 */
async function reconcileKey(deps: TimeoutDeps, key: SessionKey, names: string[]): Promise<string[]> {
  return withSessionLock(deps.db, key, async (tx) => {
    const { rows } = await tx.query(
      `SELECT id FROM crm_conversations WHERE channel_connection_id = $1 AND phone = $2 AND status = 'active' AND assigned_to = $3`,
      [key.channelConnectionId, key.phone, BOT],
    );
    const owned = rows.length > 0;
    const removed: string[] = [];
    const targets = names.length > 0 ? names : [sessionFileName(key)];
    for (const name of targets) {
      // Every target parses: the sweep's names did, and sessionFileName(key) is one.
      if (owned && !parseSessionFileName(name)!.temp) continue;
      if (await deps.sessions.deleteFile(name)) removed.push(name);
    }
    return removed;
  });
}
