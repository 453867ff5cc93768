/**
 * The cleanup between its plan and its apply: each file is deleted only if its category still
 * holds under the key's lock (a customer who wrote again, a conversation deleted meanwhile), and
 * the report counts what was done. Also what the plan leaves out (temp files, foreign files,
 * active chats) and the CLI's answers the incident test does not ask for.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBotCleanup } from '../../../../src/bot/apply-bot-cleanup.ts';
import { BOT_CLEANUP_USAGE, botCleanupCli } from '../../../../src/bot/bot-cleanup-cli.ts';
import { planBotCleanup } from '../../../../src/bot/plan-bot-cleanup.ts';
import { sessionFileName } from '../../../../src/bot/session-file-name.ts';
import { SessionStore } from '../../../../src/bot/session-store.ts';
import { insertConversation, writeSessionFile } from '../bot-world.ts';
import { botTestDatabaseForFile } from './bot-test-database.ts';
import { hookedSessionFs } from './hooked-session-fs.ts';

const EARLIER = '2025-11-21 11:00:00+00';
const key = (n: number) => ({ phone: `5190000000${n}`, channelConnectionId: 1 });
const file = (n: number) => sessionFileName(key(n));

const t = botTestDatabaseForFile();

const chat = (n: number, status: 'active' | 'closed', bot = false) =>
  insertConversation(t.admin, {
    ...key(n),
    status,
    assignedTo: bot ? 'bot' : null,
    botFlowId: bot ? 'flow-1' : null,
    botStartedAt: bot ? EARLIER : null,
    updatedAt: EARLIER,
  });
const session = { flowId: 'flow-1', state: { step: 1 }, updatedAt: 1 };

describe('planBotCleanup', () => {
  it('lists orphan and closed-chat files in name order, leaving temp, foreign and active files out', async () => {
    await chat(3, 'closed');
    await chat(4, 'active', true);
    const stale = await chat(5, 'closed', true);
    for (const n of [1, 2, 3, 4]) await writeSessionFile(t.dir, key(n), session);
    await writeFile(join(t.dir, `${file(6)}.w1.tmp`), '{');
    await writeFile(join(t.dir, 'notes.txt'), 'not a session');
    const { fs } = hookedSessionFs(t.dir, () => undefined);
    expect(await planBotCleanup({ db: t.db, sessions: new SessionStore(fs) })).toEqual({
      orphanFiles: [file(1), file(2)],
      closedConversationFiles: [file(3)],
      closedWithBotFields: [stale],
    });
  }, 120_000);
});

describe('runBotCleanup --apply', () => {
  it('deletes a file only if its category still holds, and counts what it did', async () => {
    // Planned: orphans 1 and 2, files of closed chats 3, 4 and 5.
    await chat(3, 'closed');
    await chat(4, 'closed');
    const gone = await chat(5, 'closed');
    for (const n of [1, 2, 3, 4, 5]) await writeSessionFile(t.dir, key(n), session);
    const { fs } = hookedSessionFs(t.dir, async (op) => {
      // The plan lists the directory after reading the conversations: what happens now is
      // after the plan. Customer 2 writes (a new chat), so does customer 4; chat 5 is deleted.
      if (op !== 'readdir') return;
      await chat(2, 'active', true);
      await chat(4, 'active', true);
      await t.admin.query('DELETE FROM crm_conversations WHERE id = $1', [gone]);
    });
    const report = await runBotCleanup({ db: t.db, sessions: new SessionStore(fs) }, { apply: true });
    expect(report).toEqual({
      mode: 'apply',
      planned: { orphanFiles: 2, closedConversationFiles: 3, closedWithBotFields: 0, total: 5 },
      applied: { orphanFiles: 1, closedConversationFiles: 1, closedWithBotFields: 0, total: 2 },
    });
    expect((await readdir(t.dir)).sort()).toEqual([file(2), file(4), file(5)]);
  }, 120_000);
});

describe('bot-cleanup CLI', () => {
  const cli = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await botCleanupCli(
      args,
      { DATABASE_URL: t.engine.url },
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return { code, out, err };
  };

  it('--help prints the usage and exit 0', async () => {
    expect(await cli(['--help'])).toEqual({ code: 0, out: [BOT_CLEANUP_USAGE], err: [] });
  });

  it('refuses a stray argument in one line, exit 3', async () => {
    expect(await cli(['--sessions-dir', t.dir, 'extra'])).toEqual({
      code: 3,
      out: [],
      err: ["bot-cleanup: unexpected argument 'extra' (the directory goes after --sessions-dir); see --help"],
    });
  });

  it('a dry-run with nothing to do says so in one line and closes its connections', async () => {
    const backends = async () =>
      (
        await t.admin.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
        )
      ).rows[0]!.n;
    const before = await backends();
    expect(await cli(['--sessions-dir', t.dir])).toEqual({
      code: 0,
      out: [
        'dry-run: 0 orphan files, 0 files of closed conversations, 0 closed conversations with bot fields = 0 operations',
      ],
      err: [],
    });
    // A backend leaves pg_stat_activity shortly after its client disconnects: wait up to 5 s,
    // well under the 10 s after which an unended pool would drop its idle connections anyway.
    let after = await backends();
    for (let i = 0; i < 50 && after > before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await backends();
    }
    expect(after).toBe(before);
  }, 120_000);
});
