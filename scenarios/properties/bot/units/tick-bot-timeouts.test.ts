/**
 * One scheduler tick on a real database and directory, read through its report: which chats it
 * closed and where each flow id came from, which it skipped because they changed after the read,
 * which files the sweep removed, which errors it collected, and what it left behind. Both close
 * orders give the same report; they differ in what a crash could leave, seen here as the row's
 * status at the moment the file is unlinked.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tickBotTimeouts, type TickReport } from '../../../../src/bot/bot-timeout-scheduler.ts';
import { sessionFileName } from '../../../../src/bot/session-file-name.ts';
import { SessionStore } from '../../../../src/bot/session-store.ts';
import { fsError } from '../../../../src/bot/session-fs.ts';
import { SimClock } from 'syncsim';
import { insertConversation, writeSessionFile } from '../bot-world.ts';
import { botTestDatabaseForFile } from './bot-test-database.ts';
import { hookedSessionFs, type FsOp } from './hooked-session-fs.ts';

const NOW = Date.parse('2025-11-21T12:00:00.000Z');
const TIMEOUT_MS = 30 * 60_000;
const LONG_AGO = new Date(NOW - 60 * 60_000).toISOString();
const RECENT = new Date(NOW - 5 * 60_000).toISOString();
const key = (n: number) => ({ phone: `5190000000${n}`, channelConnectionId: 1 });
const file = (n: number) => sessionFileName(key(n));

const t = botTestDatabaseForFile();

/** A bot chat `n`, idle since `updatedAt`, with the row's flow id. */
const botChat = (n: number, botFlowId: string | null, updatedAt = LONG_AGO) =>
  insertConversation(t.admin, {
    ...key(n),
    status: 'active',
    assignedTo: 'bot',
    botFlowId,
    botStartedAt: updatedAt,
    updatedAt,
  });
const session = (flowId: string) => ({ flowId, state: { step: 2 }, updatedAt: NOW - TIMEOUT_MS * 2 });

async function tick(
  closeOrder: 'file-first' | 'row-first' | undefined,
  before: (op: FsOp, name: string) => Promise<void> | void = () => undefined,
) {
  const hooked = hookedSessionFs(t.dir, before);
  const report = await tickBotTimeouts(
    { db: t.db, sessions: new SessionStore(hooked.fs), clock: new SimClock(NOW) },
    closeOrder ? { timeoutMs: TIMEOUT_MS, closeOrder } : { timeoutMs: TIMEOUT_MS },
  );
  const unlinked = hooked.calls.filter((call) => call.startsWith('unlink ')).map((call) => call.slice(7));
  return { report, unlinked, left: (await readdir(t.dir)).sort() };
}

const rowOf = async (id: string) =>
  (
    await t.admin.query<{
      status: string;
      assigned_to: string | null;
      bot_flow_id: string | null;
      bot_started_at: string | null;
    }>('SELECT status, assigned_to, bot_flow_id, bot_started_at FROM crm_conversations WHERE id = $1', [id])
  ).rows[0];
const statusOf = async (n: number) =>
  (await t.admin.query<{ status: string }>('SELECT status FROM crm_conversations WHERE phone = $1', [key(n).phone]))
    .rows[0]?.status;

describe('tickBotTimeouts', () => {
  it('closes every timed-out bot chat, says where its flow id came from, and sweeps only unowned files', async () => {
    const fromRow = await botChat(1, 'flow-row');
    await writeSessionFile(t.dir, key(1), session('flow-file-1'));
    const fromFile = await botChat(2, null);
    await writeSessionFile(t.dir, key(2), session('flow-file-2'));
    const noFile = await botChat(3, null);
    const torn = await botChat(4, null);
    await writeFile(join(t.dir, file(4)), '{"flowId":"flo');
    // Chat 5 is the bot's but not timed out: its file stays, its leftover temp file goes.
    await botChat(5, 'flow-5', RECENT);
    await writeSessionFile(t.dir, key(5), session('flow-5'));
    await writeFile(join(t.dir, `${file(5)}.w9.tmp`), '{"flowId":"flow-5","st');
    // Key 6 has no conversation: an orphan. notes.txt is not the store's.
    await writeSessionFile(t.dir, key(6), session('flow-6'));
    await writeFile(join(t.dir, 'notes.txt'), 'not a session');

    const { report, unlinked, left } = await tick(undefined);
    expect(report).toEqual<TickReport>({
      closed: [
        { id: fromRow, flowId: 'flow-row', flowIdFrom: 'row' },
        { id: fromFile, flowId: 'flow-file-2', flowIdFrom: 'file' },
        { id: noFile, flowId: null, flowIdFrom: 'unknown' },
        { id: torn, flowId: null, flowIdFrom: 'unknown' },
      ],
      skipped: [],
      filesRemoved: [`${file(5)}.w9.tmp`, file(6)],
      errors: [],
    });
    // Only the store's files, each once (the file-less chat 3's delete finds nothing).
    expect(unlinked).toEqual([file(1), file(2), file(3), file(4), `${file(5)}.w9.tmp`, file(6)]);
    expect(left).toEqual(['notes.txt', file(5)]);
    for (const id of [fromRow, fromFile, noFile, torn])
      expect(await rowOf(id)).toEqual({ status: 'closed', assigned_to: null, bot_flow_id: null, bot_started_at: null });
    expect(await statusOf(5)).toBe('active');
  }, 120_000);

  it.each([
    ['file-first', 'active'],
    ['row-first', 'closed'],
  ] as const)(
    '%s: same report, the row is %s when its file is unlinked',
    async (order, statusAtUnlink) => {
      const withFile = await botChat(1, 'flow-1');
      await writeSessionFile(t.dir, key(1), session('flow-1'));
      const noFile = await botChat(2, 'flow-2');
      const seen: Array<string | undefined> = [];
      const { report, left } = await tick(order, async (op, name) => {
        if (op === 'unlink' && name === file(1)) seen.push(await statusOf(1));
      });
      expect(report).toEqual<TickReport>({
        closed: [
          { id: withFile, flowId: 'flow-1', flowIdFrom: 'row' },
          { id: noFile, flowId: 'flow-2', flowIdFrom: 'row' },
        ],
        skipped: [],
        filesRemoved: [],
        errors: [],
      });
      expect(seen).toEqual([statusAtUnlink]);
      expect(left).toEqual([]);
    },
    120_000,
  );

  it.each(['file-first', 'row-first'] as const)(
    '%s: a chat re-engaged or taken over after the read is skipped, and only the taken-over file goes',
    async (order) => {
      const reengaged = await botChat(1, 'flow-1');
      await writeSessionFile(t.dir, key(1), session('flow-1'));
      const takenOver = await botChat(2, 'flow-2');
      await writeSessionFile(t.dir, key(2), session('flow-2'));
      const { report, left } = await tick(order, async (op, name) => {
        // The moment the tick reads the file is after its candidate read: a customer writes to
        // chat 1 (the bot handles it), an agent takes chat 2.
        if (op !== 'readFile') return;
        if (name === file(1))
          await t.admin.query('UPDATE crm_conversations SET updated_at = $2 WHERE id = $1', [
            reengaged,
            new Date(NOW).toISOString(),
          ]);
        if (name === file(2))
          await t.admin.query(
            `UPDATE crm_conversations SET assigned_to = 'agent-7', bot_flow_id = NULL, bot_started_at = NULL WHERE id = $1`,
            [takenOver],
          );
      });
      expect(report).toEqual<TickReport>({
        closed: [],
        skipped: [reengaged, takenOver],
        filesRemoved: [file(2)],
        errors: [],
      });
      expect(left).toEqual([file(1)]);
      expect(await rowOf(reengaged)).toMatchObject({ status: 'active', assigned_to: 'bot', bot_flow_id: 'flow-1' });
      expect(await rowOf(takenOver)).toMatchObject({ status: 'active', assigned_to: 'agent-7' });
    },
    120_000,
  );

  it('reports a failing chat or file as an error and carries on with the others', async () => {
    const unreadable = await botChat(1, 'flow-1');
    await writeSessionFile(t.dir, key(1), session('flow-1'));
    const fine = await botChat(2, 'flow-2');
    await writeSessionFile(t.dir, key(3), session('flow-3'));
    await writeSessionFile(t.dir, key(4), session('flow-4'));
    const { report, left } = await tick(undefined, (op, name) => {
      if (op === 'readFile' && name === file(1)) throw fsError('EACCES', 'open', name);
      if (op === 'unlink' && name === file(3)) throw fsError('EPERM', 'unlink', name);
    });
    expect(report).toEqual<TickReport>({
      closed: [{ id: fine, flowId: 'flow-2', flowIdFrom: 'row' }],
      skipped: [],
      filesRemoved: [file(4)],
      errors: [
        { target: `conversation ${unreadable}`, error: `Error: EACCES: open '${file(1)}'` },
        { target: `session 1/${key(3).phone}`, error: `Error: EPERM: unlink '${file(3)}'` },
      ],
    });
    expect(left).toEqual([file(1), file(3)]);
    expect(await statusOf(1)).toBe('active');
  }, 120_000);
});
