/**
 * Incident D's "async port" of src/chat/handle-stream-webhook.ts, as the big-bang rewrite
 * produced it: the same statements, with two changes that look harmless in review.
 *
 * 1. The delivery record (the X-Webhook-Id dedupe) and the room's last-message update run
 *    together with Promise.all "because they are independent". They are not: the dedupe must come
 *    first, or two racing deliveries of one id take the room row and the id in opposite orders
 *    (a deadlock: one of them fails) and a duplicate bumps the room before it learns it is one.
 * 2. The unread-count update is fired without `await` after the transaction ("the response need
 *    not wait for it"): it leaves the transaction, and whatever runs the handler may finish -
 *    or crash - before it happens. no-leaked-work names this line.
 */
import type {
  StreamWebhookDeps,
  StreamWebhookRequest,
  StreamWebhookResult,
} from '../../../src/chat/handle-stream-webhook.ts';
import { createRoomFromChannel } from '../../../src/chat/create-room-from-channel.ts';
import { getListedChannel } from '../../../src/chat/get-listed-channel.ts';
import { parseStreamUserId } from '../../../src/chat/stream-user-id.ts';
import { verifyWebhookSignature } from '../../../src/chat/verify-webhook-signature.ts';
import { withTransaction } from '../../../src/db/with-transaction.ts';

interface Payload {
  type?: unknown;
  cid?: unknown;
  channel_id?: unknown;
  created_at?: unknown;
  message?: { created_at?: unknown; user?: { id?: unknown } };
  user?: { id?: unknown };
}

export const UNREAD_BUMP = `INSERT INTO chat_room_unread (room_id, user_id, unread_count)
       SELECT m.room_id, m.user_id, 1 FROM chat_room_members m
       WHERE m.room_id = $1 AND m.user_id IS DISTINCT FROM $2::bigint
       ON CONFLICT (room_id, user_id) DO UPDATE SET unread_count = chat_room_unread.unread_count + 1`;

export async function handleStreamWebhookAsyncPort(
  deps: StreamWebhookDeps,
  request: StreamWebhookRequest,
): Promise<StreamWebhookResult> {
  if (!verifyWebhookSignature(request.rawBody, request.header('x-signature'), deps.secret))
    return { status: 401, outcome: 'bad-signature' };
  const webhookId = request.header('x-webhook-id');
  let payload: Payload | undefined;
  try {
    payload = JSON.parse(request.rawBody) as Payload;
  } catch {
    payload = undefined;
  }
  if (!webhookId || !payload || typeof payload.type !== 'string') return { status: 400, outcome: 'bad-request' };
  if (payload.type !== 'message.new') return { status: 200, outcome: 'ignored' };
  const channelId = typeof payload.channel_id === 'string' ? payload.channel_id : undefined;
  const cid = typeof payload.cid === 'string' ? payload.cid : undefined;
  const at = payload.message?.created_at ?? payload.created_at;
  if (!channelId || !cid || typeof at !== 'string') return { status: 400, outcome: 'bad-request' };
  const senderId = payload.message?.user?.id ?? payload.user?.id;
  const sender = typeof senderId === 'string' ? (parseStreamUserId(senderId)?.userId ?? null) : null;

  const known = await deps.db.query('SELECT 1 FROM chat_rooms WHERE stream_channel_id = $1', [channelId]);
  const channel = known.rowCount === 0 ? await getListedChannel(deps.stream, cid) : undefined;

  let bumpRoom: string | undefined;
  const result = await withTransaction(deps.db, async (tx) => {
    // (1) "independent", so concurrent: the dedupe no longer comes first.
    const [first] = await Promise.all([
      tx.query(
        `INSERT INTO chat_webhook_deliveries (webhook_id, event_type) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING webhook_id`,
        [webhookId, payload.type],
      ),
      tx.query(
        `UPDATE chat_rooms SET last_message_at = greatest(last_message_at, $2::timestamptz) WHERE stream_channel_id = $1`,
        [channelId, at],
      ),
    ]);
    if (first.rowCount === 0) return { status: 200, outcome: 'duplicate' } as const;
    let created = false;
    let room = await tx.query<{ id: string }>('SELECT id FROM chat_rooms WHERE stream_channel_id = $1', [channelId]);
    if (!room.rows[0] && channel) {
      created = (await createRoomFromChannel(tx, channel)).kind === 'created';
      room = await tx.query<{ id: string }>('SELECT id FROM chat_rooms WHERE stream_channel_id = $1', [channelId]);
    }
    bumpRoom = room.rows[0]?.id;
    if (bumpRoom === undefined) return { status: 200, outcome: 'no-room' } as const;
    return { status: 200, outcome: created ? 'room-created' : 'processed' } as const;
  });
  // (2) fired, not awaited: the caller's 200 does not wait for the unread counts.
  if (bumpRoom !== undefined) void deps.db.query(UNREAD_BUMP, [bumpRoom, sender]);
  return result;
}
