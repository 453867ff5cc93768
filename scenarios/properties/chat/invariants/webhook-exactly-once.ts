/**
 * webhook-exactly-once (safety): each X-Webhook-Id has its effect at most once, and a delivery
 * the app recorded as processed had it. For every room and member, the unread count lies between
 * - at least: the recorded deliveries of its channel's messages (not the member's own) that
 *   certainly had their effect - the handler answered processed / room-created, or the message
 *   was sent after the room was committed (so the room existed when any delivery of it ran) -
 *   for a member since the room was made; for one who joined later (late-joiners.ts), none;
 * - at most: all recorded deliveries of its channel's messages (not the member's own): a retry,
 *   a duplicate or two racing deliveries of one id count once.
 * The room's last message time likewise lies between the newest message of the first set and
 * the newest of the second (deliveries arrive out of order; it never goes back), and stays NULL
 * when no delivery of its channel was recorded.
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { ChatWorld } from '../chat-world.ts';
import type { LedgerMessage } from '../stream-ledger.ts';
import { lateJoiners } from './late-joiners.ts';
import { userNumber } from './world-facts.ts';

export const webhookExactlyOnce = defineInvariant<ChatWorld>({
  name: 'webhook-exactly-once',
  kind: 'safety',
  description:
    'each webhook id has its effect once: unread counts and last message times match the recorded deliveries',
  async check({ db, world, history }) {
    const recorded = new Set(
      (await db.query<{ webhook_id: string }>('SELECT webhook_id FROM chat_webhook_deliveries')).rows.map(
        (row) => row.webhook_id,
      ),
    );
    const rooms = await db.query<{ id: string; stream_channel_id: string; last_ms: number | null }>(
      `SELECT id::text, stream_channel_id, (extract(epoch FROM last_message_at) * 1000)::float8 AS last_ms
         FROM chat_rooms ORDER BY id`,
    );
    const members = await db.query<{ room_id: string; user_id: string; unread: number | null }>(
      `SELECT m.room_id::text, m.user_id::text, u.unread_count AS unread FROM chat_room_members m
         LEFT JOIN chat_room_unread u ON u.room_id = m.room_id AND u.user_id = m.user_id ORDER BY 1, 2`,
    );
    const { outbox, ledger } = world;
    const certain = (message: LedgerMessage) =>
      outbox.effective.has(outbox.webhookIdOf(message.id)) || outbox.sentToExistingRoom.has(message.id);
    const joiners = lateJoiners(history, world.seededRooms);
    const violations: Violation[] = [];
    for (const room of rooms.rows) {
      const upper = [...outbox.deliveries.values()]
        .filter((d) => d.channelId === room.stream_channel_id && recorded.has(d.webhookId))
        .map((d) => ledger.messages.get(d.messageId)!);
      const lower = upper.filter(certain);
      for (const member of members.rows.filter((m) => m.room_id === room.id)) {
        const others = (messages: LedgerMessage[]) =>
          messages.filter((message) => userNumber(message.userId) !== Number(member.user_id)).length;
        const unread = member.unread ?? 0;
        const joined = joiners.has(`${room.id}:${member.user_id}`);
        const [least, most] = [joined ? 0 : others(lower), others(upper)];
        if (unread < least || unread > most)
          violations.push({
            invariant: 'webhook-exactly-once',
            message: `room ${room.id} (${room.stream_channel_id}): user ${member.user_id} has ${unread} unread, expected ${least === most ? least : `${least}..${most}`} from the recorded deliveries`,
            details: { roomId: room.id, userId: member.user_id, unread, least, most },
          });
      }
      const newest = (messages: LedgerMessage[]) => Math.max(-Infinity, ...messages.map((m) => m.createdAt));
      const last = room.last_ms === null ? null : Math.round(room.last_ms);
      const bad =
        upper.length === 0
          ? last !== null
          : last === null
            ? lower.length > 0
            : last < newest(lower) || last > newest(upper);
      if (bad)
        violations.push({
          invariant: 'webhook-exactly-once',
          message: `room ${room.id} (${room.stream_channel_id}): last_message_at ${last === null ? 'NULL' : new Date(last).toISOString()} is not the newest delivered message`,
          details: {
            roomId: room.id,
            last,
            newestCertain: lower.length > 0 ? newest(lower) : null,
            newestRecorded: upper.length > 0 ? newest(upper) : null,
          },
        });
    }
    return violations;
  },
});
