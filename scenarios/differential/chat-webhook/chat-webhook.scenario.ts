/**
 * chat-webhook-async-port (incident D, scenario a): src/chat's webhook handler against the
 * "async port" the big-bang rewrite made of it (handle-stream-webhook-async-port.ts). Stream
 * delivers a few message.new webhooks to rooms of one gym, some of them twice at once (Stream's
 * retries race). `syncsim diff chat-webhook-async-port handler async-port` finds where the port
 * differs; the port also breaks the built-in no-leaked-work (its un-awaited unread update).
 */
import * as fc from 'fast-check';
import { defineInvariant, defineScenario } from 'syncsim';
import { handleStreamWebhook } from '../../../src/chat/handle-stream-webhook.ts';
import { handleStreamWebhookAsyncPort } from './handle-stream-webhook-async-port.ts';
import { signedDelivery, webhookWorker, type Delivery, type WebhookHandler } from './webhook-worker.ts';

export interface WebhookInput {
  rooms: number;
  messages: Array<{ room: number; sender: number; minute: number; twice: boolean }>;
}

interface WebhookWorld {
  /** Per worker, what it delivers (a message sent twice is in both workers' lists). */
  deliveries: Delivery[][];
  /** Per room id and member: the unread count every processed message adds up to. */
  expectedUnread: Map<string, number>;
}

const USERS = [1, 2, 3];
const WORKERS = 2;
const roomChannel = (room: number) => `room_general_1_${room}`;

const unreadCountsMessages = defineInvariant<WebhookWorld>({
  name: 'unread-counts-messages',
  kind: 'liveness',
  description: "every member's unread count is the number of other members' messages delivered to the room",
  async check({ db, world }) {
    const { rows } = await db.query<{ room_id: string; user_id: string; unread_count: number }>(
      'SELECT room_id, user_id, unread_count FROM chat_room_unread',
    );
    const actual = new Map(rows.map((r) => [`${r.room_id}/${r.user_id}`, r.unread_count]));
    return [...world.expectedUnread]
      .filter(([key, expected]) => (actual.get(key) ?? 0) !== expected)
      .map(([key, expected]) => ({
        invariant: 'unread-counts-messages',
        message: `room/user ${key} has unread ${actual.get(key) ?? 0}, expected ${expected}`,
        details: { roomUser: key, expected, actual: actual.get(key) ?? 0 },
      }));
  },
});

const workers =
  (handler: WebhookHandler) =>
  ({ world }: { world: WebhookWorld }) =>
    world.deliveries.map((mine, i) => webhookWorker(`stream-${i + 1}`, handler, mine));

export const chatWebhookScenario = defineScenario<WebhookInput, WebhookWorld>({
  id: 'chat-webhook-async-port',
  kind: 'migration',
  title: 'Stream webhook handler vs its async port: same rooms, unread counts and answers?',
  source: 'incidents.md section D',
  input: fc.record({
    rooms: fc.integer({ min: 1, max: 2 }),
    messages: fc.array(fc.record({ room: fc.nat(1), sender: fc.nat(2), minute: fc.nat(30), twice: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  startTime: '2025-11-21T09:00:00.000Z',
  async world({ db, input }) {
    await db.query(`INSERT INTO gyms (id, name) VALUES (1, 'Gym 1')`);
    for (const u of USERS) await db.query(`INSERT INTO users (id, name) VALUES ($1, $2)`, [u, `User ${u}`]);
    for (let r = 1; r <= input.rooms; r++) {
      await db.query(
        `INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind) VALUES ($1, 1, $2, $3, 'group')`,
        [r, roomChannel(r), `General ${r}`],
      );
      for (const u of USERS) await db.query('INSERT INTO chat_room_members (room_id, user_id) VALUES ($1, $2)', [r, u]);
    }
    const deliveries: Delivery[][] = Array.from({ length: WORKERS }, () => []);
    const expectedUnread = new Map<string, number>();
    input.messages.forEach((m, i) => {
      const room = (m.room % input.rooms) + 1;
      const sender = USERS[m.sender % USERS.length]!;
      const at = `2025-11-21T09:${String(m.minute).padStart(2, '0')}:00.000Z`;
      const delivery = signedDelivery(`wh-${i + 1}`, {
        type: 'message.new',
        cid: `messaging:${roomChannel(room)}`,
        channel_id: roomChannel(room),
        channel_type: 'messaging',
        created_at: at,
        message: { id: `m-${i + 1}`, created_at: at, user: { id: `user_${sender}` } },
      });
      deliveries[i % WORKERS]!.push(delivery);
      // A retry racing the first attempt, from the other worker.
      if (m.twice) deliveries[(i + 1) % WORKERS]!.push(delivery);
      for (const u of USERS)
        if (u !== sender) expectedUnread.set(`${room}/${u}`, (expectedUnread.get(`${room}/${u}`) ?? 0) + 1);
    });
    return { deliveries, expectedUnread };
  },
  invariants: [unreadCountsMessages],
  variants: {
    handler: {
      description: 'src/chat handleStreamWebhook',
      expect: 'holds',
      actors: workers(handleStreamWebhook),
    },
    'async-port': {
      description: 'the async port: dedupe and room update under Promise.all, the unread update not awaited',
      expect: 'breaks',
      breaks: ['no-leaked-work'],
      actors: workers(handleStreamWebhookAsyncPort),
    },
  },
  defaultVariant: 'handler',
  runs: 100,
});
