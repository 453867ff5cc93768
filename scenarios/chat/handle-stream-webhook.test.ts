// The webhook handler on real parts: real Postgres (gym schema), the Stream fake served over
// HTTP for the channel lookups, and signed bodies exactly as Stream sends them.
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveStream, type StreamServer } from 'syncsim/fakes/stream';
import { useTestDatabase } from 'syncsim/vitest';
import { handleStreamWebhook, type StreamWebhookDeps } from '../../src/chat/handle-stream-webhook.ts';
import { fromPgPool } from '../../src/db/index.ts';

let server: StreamServer;
let pool: pg.Pool;
let deps: StreamWebhookDeps;

function delivery(webhookId: string, body: Record<string, unknown>, secret = server.apiSecret) {
  const rawBody = JSON.stringify(body);
  const headers: Record<string, string> = {
    'x-webhook-id': webhookId,
    'x-signature': createHmac('sha256', secret).update(rawBody).digest('hex'),
  };
  return { rawBody, header: (name: string) => headers[name.toLowerCase()] };
}

const messageNew = (channelId: string, sender: string, at: string) => ({
  type: 'message.new',
  cid: `messaging:${channelId}`,
  channel_id: channelId,
  channel_type: 'messaging',
  created_at: at,
  message: { id: `m-${at}`, text: 'hi', created_at: at, user: { id: sender } },
  user: { id: sender },
});

async function unread(channelId: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ user_id: string; unread_count: number }>(
    `SELECT u.user_id, u.unread_count FROM chat_room_unread u JOIN chat_rooms r ON r.id = u.room_id
     WHERE r.stream_channel_id = $1 ORDER BY u.user_id`,
    [channelId],
  );
  return Object.fromEntries(rows.map((row) => [row.user_id, row.unread_count]));
}

beforeAll(async () => {
  const database = await useTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  server = await serveStream({});
  const stream = new StreamChat(server.apiKey, server.apiSecret, { baseURL: server.url, disableCache: true });
  deps = { db: fromPgPool(pool), stream, secret: server.apiSecret };
  await stream.upsertUsers([{ id: 'gym_5_user_4' }, { id: 'gym_5_user_8' }, { id: 'admin' }]);
  for (const [id, team, gymId] of [
    ['room_5_1', 'gym_5', '5'],
    ['room_5_2', 'gym_5', '5'],
    ['room_General_4', 'gym_1', '5'],
  ] as const) {
    await stream
      .channel('messaging', id, {
        team,
        gym_id: gymId,
        members: ['gym_5_user_4', 'gym_5_user_8'],
        created_by_id: 'admin',
      } as Record<string, unknown>)
      .create();
  }
});

beforeEach(async () => {
  await pool.query(
    'TRUNCATE chat_webhook_deliveries, chat_room_unread, chat_room_members, chat_rooms, users, gyms CASCADE',
  );
  await pool.query(`INSERT INTO gyms (id, name) VALUES (1, 'One'), (5, 'Five')`);
  await pool.query(`INSERT INTO users (id, name) VALUES (4, 'u4'), (8, 'u8')`);
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO chat_rooms (gym_id, stream_channel_id, name, kind) VALUES (5, 'room_5_1', 'r', 'group') RETURNING id`,
  );
  await pool.query('INSERT INTO chat_room_members (room_id, user_id) VALUES ($1, 4), ($1, 8)', [rows[0]!.id]);
});

afterAll(async () => {
  await server?.stop();
  await pool?.end();
});

describe('handleStreamWebhook', () => {
  it('a bad or missing signature is 401 and writes nothing', async () => {
    const wrong = delivery('w1', messageNew('room_5_1', 'gym_5_user_4', '2026-01-01T00:00:01Z'), 'not-the-secret');
    expect(await handleStreamWebhook(deps, wrong)).toEqual({ status: 401, outcome: 'bad-signature' });
    const unsigned = { ...wrong, header: (name: string) => (name === 'x-webhook-id' ? 'w1' : undefined) };
    expect((await handleStreamWebhook(deps, unsigned)).status).toBe(401);
    expect((await pool.query('SELECT * FROM chat_webhook_deliveries')).rowCount).toBe(0);
    expect(await unread('room_5_1')).toEqual({});
  });

  it('message.new counts one unread for every member but the sender, once per webhook id', async () => {
    const first = delivery('w1', messageNew('room_5_1', 'gym_5_user_4', '2026-01-01T00:00:01Z'));
    expect(await handleStreamWebhook(deps, first)).toEqual({ status: 200, outcome: 'processed' });
    expect(await handleStreamWebhook(deps, first)).toEqual({ status: 200, outcome: 'duplicate' });
    expect(await unread('room_5_1')).toEqual({ '8': 1 });
  });

  it('two racing deliveries of one webhook id have one effect', async () => {
    const same = delivery('w-race', messageNew('room_5_1', 'gym_5_user_8', '2026-01-01T00:00:02Z'));
    const outcomes = await Promise.all([handleStreamWebhook(deps, same), handleStreamWebhook(deps, same)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'processed']);
    expect(await unread('room_5_1')).toEqual({ '4': 1 });
  });

  it('out-of-order deliveries never move the last message time backwards', async () => {
    await handleStreamWebhook(deps, delivery('late', messageNew('room_5_1', 'gym_5_user_4', '2026-01-01T00:00:09Z')));
    await handleStreamWebhook(deps, delivery('early', messageNew('room_5_1', 'gym_5_user_4', '2026-01-01T00:00:03Z')));
    const { rows } = await pool.query<{ at: string }>(
      `SELECT to_char(last_message_at, 'HH24:MI:SS') AS at FROM chat_rooms WHERE stream_channel_id = 'room_5_1'`,
    );
    expect(rows[0]!.at).toBe('00:00:09');
    expect(await unread('room_5_1')).toEqual({ '8': 2 });
  });

  it('an unknown channel gets its room only when team and gym_id agree and the gym exists', async () => {
    const good = delivery('u1', messageNew('room_5_2', 'gym_5_user_4', '2026-01-01T00:00:04Z'));
    expect(await handleStreamWebhook(deps, good)).toEqual({ status: 200, outcome: 'room-created' });
    expect(await unread('room_5_2')).toEqual({ '8': 1 });
    const wrongTeam = delivery('u2', messageNew('room_General_4', 'gym_5_user_4', '2026-01-01T00:00:05Z'));
    expect(await handleStreamWebhook(deps, wrongTeam)).toEqual({ status: 200, outcome: 'no-room' });
    const rooms = await pool.query(`SELECT 1 FROM chat_rooms WHERE stream_channel_id = 'room_General_4'`);
    expect(rooms.rowCount).toBe(0);
  });

  it('a body that is not a Stream event is 400 and writes nothing', async () => {
    const bad = delivery('b1', { hello: 'world' });
    expect(await handleStreamWebhook(deps, bad)).toEqual({ status: 400, outcome: 'bad-request' });
    expect((await pool.query('SELECT * FROM chat_webhook_deliveries')).rowCount).toBe(0);
  });
});
