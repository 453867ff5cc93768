/**
 * The columns of crm_conversations the bot modules read, and the one statement that closes a
 * bot conversation. `updated_at` travels as text (exact to the microsecond) so a conditional
 * UPDATE can say "only if the row is still the one I read".
 */
export interface ConversationRow {
  id: string;
  phone: string;
  channel_connection_id: string;
  status: 'active' | 'closed';
  assigned_to: string | null;
  bot_flow_id: string | null;
  bot_started_at: string | null;
  updated_at: string;
}

export const CONVERSATION_COLUMNS = `id::text, phone, channel_connection_id::text, status, assigned_to, bot_flow_id,
  bot_started_at::text, updated_at::text`;

export const BOT = 'bot';

/** An assignee that is neither the bot nor nobody: a human agent. */
export function isAgent(assignedTo: string | null): boolean {
  return assignedTo !== null && assignedTo !== BOT;
}

export function keyOf(row: Pick<ConversationRow, 'phone' | 'channel_connection_id'>) {
  return { phone: row.phone, channelConnectionId: Number(row.channel_connection_id) };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
