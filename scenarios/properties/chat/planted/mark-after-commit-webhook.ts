/**
 * PLANTED BUG: the webhook handler checks X-Webhook-Id up front, has the message's effect in its
 * own transaction, and records the id as processed only after that COMMIT, in a statement of its
 * own ("mark it done once the work succeeded"). Two deliveries of one id racing both pass the
 * check; a crash or a lost connection between the COMMIT and the mark, or a failed mark, makes
 * Stream retry a delivery whose effect is already there: one message counts twice in the unread
 * counts. Everything else (signature, parsing, room from channel, greatest()) is src/chat's
 * handler. Caught by webhook-exactly-once.
 */
import { withTransaction } from '../../../../src/db/with-transaction.ts';
import { createRoomFromChannel } from '../../../../src/chat/create-room-from-channel.ts';
import { getListedChannel } from '../../../../src/chat/get-listed-channel.ts';
import type {
  StreamWebhookDeps,
  StreamWebhookRequest,
  StreamWebhookResult,
} from '../../../../src/chat/handle-stream-webhook.ts';
import { parseStreamUserId } from '../../../../src/chat/stream-user-id.ts';
import { verifyWebhookSignature } from '../../../../src/chat/verify-webhook-signature.ts';

interface MessageNewPayload {
  type?: unknown;
  cid?: unknown;
  channel_id?: unknown;
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

export async function markAfterCommitWebhook(
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

  const seen = await deps.db.query('SELECT 1 FROM chat_webhook_deliveries WHERE webhook_id = $1', [webhookId]);
  if ((seen.rowCount ?? 0) > 0) return { status: 200, outcome: 'duplicate' };
  const known = await deps.db.query('SELECT 1 FROM chat_rooms WHERE stream_channel_id = $1', [channelId]);
  const channel = known.rowCount === 0 ? await getListedChannel(deps.stream, cid) : undefined;

  const result = await withTransaction(deps.db, async (tx) => {
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
  // The mistake: the id is marked outside the effect's transaction.
  await deps.db.query(
    `INSERT INTO chat_webhook_deliveries (webhook_id, event_type) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [webhookId, payload.type],
  );
  return result;
}
