/**
 * A customer's WhatsApp message. If the open conversation is the bot's (or nobody's, or there
 * is none yet) the bot handles it: the session file is created or advanced and the row gets
 * assigned_to = 'bot', bot_flow_id and bot_started_at. A conversation an agent holds only gets
 * its unread counter and activity bumped: the bot never takes a chat back from an agent.
 *
 * Row first, then file, both under the key's lock and before COMMIT: a crash after the file
 * write rolls the row back (the next tick sweeps the file if no bot conversation owns it); a
 * crash before it leaves a bot row without a file, which the tick closes once timed out.
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/db.ts';
import { BOT, CONVERSATION_COLUMNS, iso, isAgent, type ConversationRow } from './conversation-row.ts';
import type { SessionKey } from './session-file-name.ts';
import type { SessionStore } from './session-store.ts';
import { withSessionLock } from './with-session-lock.ts';

export interface BotDeps {
  db: Db;
  sessions: SessionStore;
  clock: Clock;
}

export interface InboundMessage extends SessionKey {
  phoneNumberId: string;
  text: string;
  /** The flow the bot starts for a new session (the channel's configured flow). */
  flowId: string;
}

export type InboundResult =
  { handledBy: 'bot'; conversationId: string; step: number } | { handledBy: 'agent'; conversationId: string };

export function handleInboundMessage(deps: BotDeps, message: InboundMessage): Promise<InboundResult> {
  const { db, sessions, clock } = deps;
  return withSessionLock(db, message, async (tx) => {
    const now = iso(clock.now());
    const { rows } = await tx.query<ConversationRow>(
      `SELECT ${CONVERSATION_COLUMNS} FROM crm_conversations WHERE channel_connection_id = $1 AND phone = $2 AND status = 'active' FOR UPDATE`,
      [message.channelConnectionId, message.phone],
    );
    const open = rows[0];
    if (open && isAgent(open.assigned_to)) {
      await tx.query('UPDATE crm_conversations SET unread_count = unread_count + 1, updated_at = $2 WHERE id = $1', [
        open.id,
        now,
      ]);
      return { handledBy: 'agent', conversationId: open.id };
    }

    // Only an open conversation has a flow to carry on. With none, a file still on disk belongs
    // to a closed chat (or to a handling that never committed): an orphan, not this new
    // conversation's state, so the flow starts from its first step. A missing or torn file
    // restarts the flow too (on the row's flow if it names one), from step 1 (no step yet).
    const previous = open ? await sessions.read(message) : undefined;
    const session =
      previous?.kind === 'present'
        ? previous.session
        : { flowId: open?.bot_flow_id ?? message.flowId, state: {}, updatedAt: 0 };
    const step = (typeof session.state.step === 'number' ? session.state.step : 0) + 1;
    let conversationId: string;
    if (open) {
      await tx.query(
        `UPDATE crm_conversations SET assigned_to = $2, bot_flow_id = $3, bot_started_at = coalesce(bot_started_at, $4),
           unread_count = unread_count + 1, updated_at = $4 WHERE id = $1`,
        [open.id, BOT, session.flowId, now],
      );
      conversationId = open.id;
    } else {
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO crm_conversations (phone, phone_number_id, channel_connection_id, status, assigned_to, bot_flow_id, bot_started_at, unread_count, created_at, updated_at)
         VALUES ($1, $2, $3, 'active', $4, $5, $6, 1, $6, $6) RETURNING id::text`,
        [message.phone, message.phoneNumberId, message.channelConnectionId, BOT, session.flowId, now],
      );
      conversationId = inserted.rows[0]!.id;
    }
    await sessions.write(message, {
      flowId: session.flowId,
      state: { ...session.state, step, lastText: message.text },
      updatedAt: clock.now(),
    });
    return { handledBy: 'bot', conversationId, step };
  });
}
