/**
 * lost-update: the smallest race there is, as the engine's proof.
 *
 * Several webhook deliveries for one WhatsApp conversation arrive at once; each increments the
 * conversation's unread_count with a read-modify-write. The naive variant loses updates under
 * some interleavings; the locked variant (SELECT ... FOR UPDATE) never does.
 */
import * as fc from 'fast-check';
import { defineInvariant, defineScenario } from 'syncsim';
import type { Db } from '../../../src/db/db.ts';
import { lockedIncrement } from './locked-increment.ts';
import { naiveIncrement } from './naive-increment.ts';

export interface LostUpdateInput {
  /** Messages each concurrent delivery worker processes. */
  deliveries: number[];
}

export interface LostUpdateWorld {
  conversationId: number;
  expected: number;
}

const CONVERSATION_ID = 1001;

const noLostUpdate = defineInvariant<LostUpdateWorld>({
  name: 'no-lost-update',
  kind: 'safety',
  description: 'unread_count equals the number of inbound messages processed',
  async check({ db, world }) {
    const { rows } = await db.query<{ unread_count: number }>(
      'SELECT unread_count FROM crm_conversations WHERE id = $1',
      [world.conversationId],
    );
    const actual = rows[0]?.unread_count;
    if (actual === world.expected) return [];
    return [
      {
        invariant: 'no-lost-update',
        message: `conversation ${world.conversationId} has unread_count ${actual} after ${world.expected} messages`,
        details: { conversationId: world.conversationId, expected: world.expected, actual },
      },
    ];
  },
});

function deliveryWorkers(increment: (db: Db, id: number) => Promise<void>) {
  return ({ input, world }: { input: LostUpdateInput; world: LostUpdateWorld }) =>
    input.deliveries.map((messages, i) => ({
      name: `webhook-${i + 1}`,
      async run({ db }: { db: Db }) {
        for (let m = 0; m < messages; m++) await increment(db, world.conversationId);
      },
    }));
}

export const lostUpdateScenario = defineScenario<LostUpdateInput, LostUpdateWorld>({
  id: 'lost-update',
  kind: 'example',
  title: 'Concurrent webhook deliveries increment one unread counter',
  input: fc.record({ deliveries: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 4 }) }),
  startTime: '2025-11-21T09:00:00.000Z',
  async world({ db, input }) {
    await db.query(
      `INSERT INTO channel_connections (id, tenant, name, phone_number_id) VALUES (1, 'crm', 'WhatsApp main line', 'pn-1')`,
    );
    await db.query(
      `INSERT INTO crm_conversations (id, phone, phone_number_id, channel_connection_id, status, assigned_to, created_at, updated_at)
       VALUES ($1, '51943001421', 'pn-1', 1, 'active', 'agent-7', '2025-11-21T09:00:00Z', '2025-11-21T09:00:00Z')`,
      [CONVERSATION_ID],
    );
    return { conversationId: CONVERSATION_ID, expected: input.deliveries.reduce((a, b) => a + b, 0) };
  },
  invariants: [noLostUpdate],
  variants: {
    naive: {
      description: 'read unread_count, add one in the app, write it back (no lock)',
      expect: 'breaks',
      breaks: ['no-lost-update'],
      actors: deliveryWorkers(naiveIncrement),
    },
    locked: {
      description: 'the same read-modify-write under SELECT ... FOR UPDATE in a transaction',
      expect: 'holds',
      actors: deliveryWorkers(lockedIncrement),
    },
  },
  defaultVariant: 'locked',
  runs: 200,
});
