// Stream's webhook endpoint of the gym app. What it guarantees:
// - a bad or missing X-Signature is 401 and touches nothing (not even the delivery table);
// - each X-Webhook-Id has its effect once, however often Stream retries it and even when two
//   deliveries of it race: the id is recorded in the same transaction as the effect, and the
//   primary key makes the second one wait for the first and then do nothing;
// - message.new sets the room's last message time (never backwards: deliveries arrive out of
//   order) and adds one unread message for every member but the sender;
// - a message for a channel with no room creates the room only when the channel's team and
//   gym_id agree and the gym exists (create-room-from-channel.ts); otherwise the delivery is
//   recorded as seen and nothing else happens.
import type { StreamChat } from 'stream-chat';
import type { Db } from '../db/db.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { createRoomFromChannel } from './create-room-from-channel.ts';
import { getListedChannel } from './get-listed-channel.ts';
import { parseStreamUserId } from './stream-user-id.ts';
import { verifyWebhookSignature } from './verify-webhook-signature.ts';

export interface StreamWebhookDeps {
  readonly db: Db;
  readonly stream: StreamChat;
  /** The Stream API secret: the key of X-Signature. */
  readonly secret: string;
}

export interface StreamWebhookRequest {
  readonly rawBody: string;
  /** Header lookup, case-insensitive as HTTP headers are. */
  readonly header: (name: string) => string | null | undefined;
}

export type StreamWebhookOutcome =
  'processed' | 'room-created' | 'duplicate' | 'ignored' | 'no-room' | 'bad-signature' | 'bad-request';

export interface StreamWebhookResult {
  readonly status: 200 | 400 | 401;
  readonly outcome: StreamWebhookOutcome;
}

interface MessageNewPayload {
  type?: unknown;
  cid?: unknown;
  channel_id?: unknown;
  channel_type?: unknown;
  created_at?: unknown;
  message?: { created_at?: unknown; user?: { id?: unknown } };
  user?: { id?: unknown };
}

function parsePayload(rawBody: string): MessageNewPayload | undefined {
  try {
    const value: unknown = JSON.parse(rawBody);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function handleStreamWebhook(
  deps: StreamWebhookDeps,
  request: StreamWebhookRequest,
): Promise<StreamWebhookResult> {
  if (!verifyWebhookSignature(request.rawBody, request.header('x-signature'), deps.secret)) {
    return { status: 401, outcome: 'bad-signature' };
  }
  const webhookId = request.header('x-webhook-id');
  const payload = parsePayload(request.rawBody);
  if (!webhookId || !payload || typeof payload.type !== 'string') return { status: 400, outcome: 'bad-request' };
  if (payload.type !== 'message.new') return { status: 200, outcome: 'ignored' };
  const channelId = typeof payload.channel_id === 'string' ? payload.channel_id : undefined;
  const cid = typeof payload.cid === 'string' ? payload.cid : undefined;
  const at = payload.message?.created_at ?? payload.created_at;
  if (!channelId || !cid || typeof at !== 'string') return { status: 400, outcome: 'bad-request' };
  const senderId = payload.message?.user?.id ?? payload.user?.id;
  const sender = typeof senderId === 'string' ? (parseStreamUserId(senderId)?.userId ?? null) : null;

  // Ask Stream about an unknown channel before the transaction: no row lock is held across HTTP.
  const known = await deps.db.query('SELECT 1 FROM chat_rooms WHERE stream_channel_id = $1', [channelId]);
  const channel = known.rowCount === 0 ? await getListedChannel(deps.stream, cid) : undefined;

  return withTransaction(deps.db, async (tx) => {
    const first = await tx.query(
      `INSERT INTO chat_webhook_deliveries (webhook_id, event_type) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING webhook_id`,
      [webhookId, payload.type],
    );
    if (first.rowCount === 0) return { status: 200, outcome: 'duplicate' } as const;
    let created = false;
    let room = await tx.query<{ id: string }>('SELECT id FROM chat_rooms WHERE stream_channel_id = $1', [channelId]);
    if (!room.rows[0] && channel) {
      const outcome = await createRoomFromChannel(tx, channel);
      created = outcome.kind === 'created';
      room = await tx.query<{ id: string }>('SELECT id FROM chat_rooms WHERE stream_channel_id = $1', [channelId]);
    }
    const roomId = room.rows[0]?.id;
    if (roomId === undefined) return { status: 200, outcome: 'no-room' } as const;
    await tx.query(`UPDATE chat_rooms SET last_message_at = greatest(last_message_at, $2::timestamptz) WHERE id = $1`, [
      roomId,
      at,
    ]);
    await tx.query(
      `INSERT INTO chat_room_unread (room_id, user_id, unread_count)
       SELECT m.room_id, m.user_id, 1 FROM chat_room_members m
       WHERE m.room_id = $1 AND m.user_id IS DISTINCT FROM $2::bigint
       ON CONFLICT (room_id, user_id) DO UPDATE SET unread_count = chat_room_unread.unread_count + 1`,
      [roomId, sender],
    );
    return { status: 200, outcome: created ? 'room-created' : 'processed' } as const;
  });
}
