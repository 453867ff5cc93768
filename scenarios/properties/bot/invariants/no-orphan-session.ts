/**
 * no-orphan-session (liveness: checked after the heal phase's scheduler ticks): every file in
 * the session directory is the session of an ACTIVE conversation assigned to the bot. A file of
 * a closed conversation, of an agent's chat, of no conversation at all, or a leftover temp file
 * is a violation. Transient orphans during chaos (a crash between the file and the row) are
 * allowed; the scheduler must have removed them once it ran without faults.
 */
import { readdir } from 'node:fs/promises';
import { parseSessionFileName } from '../../../../src/bot/session-file-name.ts';
import { defineInvariant, type Violation } from 'syncsim';
import type { BotWorld } from '../bot-world.ts';

export const noOrphanSession = defineInvariant<BotWorld>({
  name: 'no-orphan-session',
  kind: 'liveness',
  description: 'no session file exists without an active, bot-assigned conversation',
  async check({ db, world }) {
    const { rows } = await db.query<{ key: string; status: string; assigned_to: string | null }>(
      `SELECT channel_connection_id::text || '/' || phone AS key, status, assigned_to FROM crm_conversations ORDER BY status = 'active' DESC, id DESC`,
    );
    const byKey = new Map<string, { status: string; assigned_to: string | null }>();
    for (const row of rows) if (!byKey.has(row.key)) byKey.set(row.key, row);
    const violations: Violation[] = [];
    for (const file of (await readdir(world.sessionDir)).sort()) {
      const parsed = parseSessionFileName(file);
      const owner = parsed && byKey.get(`${parsed.channelConnectionId}/${parsed.phone}`);
      const why = !parsed
        ? 'not a session file'
        : parsed.temp
          ? 'leftover temp file of an interrupted write'
          : !owner
            ? 'no conversation'
            : owner.status !== 'active'
              ? 'conversation is closed'
              : owner.assigned_to !== 'bot'
                ? `conversation is assigned to ${owner.assigned_to ?? 'nobody'}`
                : undefined;
      if (why) violations.push({ invariant: 'no-orphan-session', message: `${file}: ${why}`, details: { file, why } });
    }
    return violations;
  },
});
