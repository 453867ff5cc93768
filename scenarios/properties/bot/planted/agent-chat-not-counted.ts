/**
 * PLANTED BUG: a "fast path" for chats an agent holds: the handler looks the open conversation up
 * without the lock and, when an agent has it, acknowledges the message without counting it (the
 * agent's inbox never shows it). Everything else goes to src/bot's handler. The end state is
 * tidy (the row, the files, the bot's fields are all right); caught by
 * messages-reach-conversation, which compares the acknowledged messages with the counters.
 */
import {
  handleInboundMessage,
  type InboundMessage,
  type InboundResult,
} from '../../../../src/bot/handle-inbound-message.ts';
import { isAgent } from '../../../../src/bot/conversation-row.ts';
import type { TimeoutDeps } from '../../../../src/bot/bot-timeout-scheduler.ts';

export async function agentChatNotCounted(deps: TimeoutDeps, message: InboundMessage): Promise<InboundResult> {
  const { rows } = await deps.db.query<{ id: string; assigned_to: string | null }>(
    `SELECT id::text, assigned_to FROM crm_conversations WHERE channel_connection_id = $1 AND phone = $2 AND status = 'active'`,
    [message.channelConnectionId, message.phone],
  );
  const open = rows[0];
  if (open && isAgent(open.assigned_to)) return { handledBy: 'agent', conversationId: open.id };
  return handleInboundMessage(deps, message);
}
