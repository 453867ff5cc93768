/**
 * handleInboundMessage on the shapes the property suite seldom builds: a chat an agent holds (the
 * message only bumps its unread counter and activity, the bot stays out), and a session file
 * whose state has no step yet (the flow goes on at step 1, not at a step computed from nothing).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleInboundMessage } from '../../../../src/bot/handle-inbound-message.ts';
import { nodeSessionFs } from '../../../../src/bot/node-session-fs.ts';
import { sessionFileName } from '../../../../src/bot/session-file-name.ts';
import { SessionStore } from '../../../../src/bot/session-store.ts';
import { SimClock } from 'syncsim';
import { insertConversation, writeSessionFile } from '../bot-world.ts';
import { botTestDatabaseForFile } from './bot-test-database.ts';

const NOW = Date.parse('2025-11-21T12:00:00.000Z');
const EARLIER = '2025-11-21 11:50:00+00';
const KEY = { phone: '51943001421', channelConnectionId: 1 };

const t = botTestDatabaseForFile();

const message = () =>
  handleInboundMessage(
    { db: t.db, sessions: new SessionStore(nodeSessionFs(t.dir), { tempTag: () => 't1' }), clock: new SimClock(NOW) },
    { ...KEY, phoneNumberId: 'pn-1', text: 'hola', flowId: 'flow-channel' },
  );
const rowOf = async (id: string) =>
  (
    await t.admin.query(
      `SELECT assigned_to, bot_flow_id, unread_count, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS updated_at FROM crm_conversations WHERE id = $1`,
      [id],
    )
  ).rows[0] as Record<string, unknown>;

describe('handleInboundMessage', () => {
  it('a chat an agent holds gets the message counted, and the bot stays out', async () => {
    const id = await insertConversation(t.admin, {
      ...KEY,
      status: 'active',
      assignedTo: 'agent-7',
      botFlowId: null,
      botStartedAt: null,
      updatedAt: EARLIER,
    });
    expect(await message()).toEqual({ handledBy: 'agent', conversationId: id });
    expect(await rowOf(id)).toEqual({
      assigned_to: 'agent-7',
      bot_flow_id: null,
      unread_count: 1,
      updated_at: '2025-11-21T12:00:00',
    });
    expect(await readdir(t.dir)).toEqual([]);
  }, 120_000);

  it('a session whose state has no step yet goes on at step 1', async () => {
    const id = await insertConversation(t.admin, {
      ...KEY,
      status: 'active',
      assignedTo: 'bot',
      botFlowId: 'flow-1',
      botStartedAt: EARLIER,
      updatedAt: EARLIER,
    });
    await writeSessionFile(t.dir, KEY, { flowId: 'flow-1', state: { answers: ['si'] }, updatedAt: 1 });
    expect(await message()).toEqual({ handledBy: 'bot', conversationId: id, step: 1 });
    expect(JSON.parse(await readFile(join(t.dir, sessionFileName(KEY)), 'utf8'))).toEqual({
      flowId: 'flow-1',
      state: { answers: ['si'], step: 1, lastText: 'hola' },
      updatedAt: NOW,
    });
  }, 120_000);
});
