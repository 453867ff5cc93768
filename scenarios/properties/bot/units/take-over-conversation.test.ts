/**
 * An agent takes a chat over: what takeOverConversation answers, and the row and file it leaves,
 * for an active bot chat, a closed chat, an unknown id, and a caller passing the bot as "agent".
 */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sessionFileName } from '../../../../src/bot/session-file-name.ts';
import { SessionStore } from '../../../../src/bot/session-store.ts';
import { takeOverConversation } from '../../../../src/bot/take-over-conversation.ts';
import { nodeSessionFs } from '../../../../src/bot/node-session-fs.ts';
import { SimClock } from 'syncsim';
import { insertConversation, writeSessionFile } from '../bot-world.ts';
import { botTestDatabaseForFile } from './bot-test-database.ts';

const NOW = Date.parse('2025-11-21T12:00:00.000Z');
const EARLIER = '2025-11-21 11:50:00+00';
const KEY = { phone: '51943001421', channelConnectionId: 1 };

const t = botTestDatabaseForFile();

const takeOver = (id: string, agent = 'agent-7') =>
  takeOverConversation(
    { db: t.db, sessions: new SessionStore(nodeSessionFs(t.dir)), clock: new SimClock(NOW) },
    id,
    agent,
  );
const seed = (status: 'active' | 'closed') =>
  insertConversation(t.admin, {
    ...KEY,
    status,
    assignedTo: status === 'active' ? 'bot' : null,
    botFlowId: 'flow-1',
    botStartedAt: EARLIER,
    updatedAt: EARLIER,
  });
const rowOf = async (id: string) =>
  (
    await t.admin.query(
      `SELECT status, assigned_to, bot_flow_id, bot_started_at::text, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS updated_at FROM crm_conversations WHERE id = $1`,
      [id],
    )
  ).rows[0] as Record<string, unknown>;

describe('takeOverConversation', () => {
  it("an active bot chat becomes the agent's: bot fields cleared, activity now, session file gone", async () => {
    const id = await seed('active');
    await writeSessionFile(t.dir, KEY, { flowId: 'flow-1', state: { step: 2 }, updatedAt: 1 });
    expect(await takeOver(id)).toEqual({ tookOver: true, conversationId: id });
    expect(await rowOf(id)).toEqual({
      status: 'active',
      assigned_to: 'agent-7',
      bot_flow_id: null,
      bot_started_at: null,
      updated_at: '2025-11-21T12:00:00',
    });
    expect(await readdir(t.dir)).toEqual([]);
  }, 120_000);

  it('a closed chat is not taken over: row and file as they were', async () => {
    const id = await seed('closed');
    await writeSessionFile(t.dir, KEY, { flowId: 'flow-1', state: { step: 2 }, updatedAt: 1 });
    const before = await rowOf(id);
    expect(await takeOver(id)).toEqual({ tookOver: false, conversationId: id });
    expect(await rowOf(id)).toEqual(before);
    expect(await readdir(t.dir)).toEqual([sessionFileName(KEY)]);
  }, 120_000);

  it('an unknown conversation id answers tookOver: false', async () => {
    await seed('active');
    expect(await takeOver('999999')).toEqual({ tookOver: false, conversationId: '999999' });
  }, 120_000);

  it('refuses the bot as the agent, touching nothing', async () => {
    const id = await seed('active');
    const before = await rowOf(id);
    await expect(takeOver(id, 'bot')).rejects.toThrow("'bot' is not an agent id");
    expect(await rowOf(id)).toEqual(before);
  }, 120_000);
});
