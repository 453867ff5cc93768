/**
 * What every bot scenario's world shares: the session directory, the timeout, the simulated
 * clock (liveness is "timed out as of now"), and the log of agent takeovers that COMMITTED
 * (appended by the agent actors after takeOverConversation returned), which is the evidence
 * no-agent-chat-closed-by-bot checks against. Helpers write rows and files ungated.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BotSession } from '../../../src/bot/session-store.ts';
import { sessionFileName, type SessionKey } from '../../../src/bot/session-file-name.ts';
import type { Clock } from '../../../src/clock.ts';
import type { Queryable } from '../../../src/db/db.ts';

export interface BotWorld {
  sessionDir: string;
  timeoutMs: number;
  clock: Clock;
  takeovers: Array<{ conversationId: string; agent: string }>;
}

export const TIMEOUT_MS = 30 * 60_000;
export const FLOW_ID = 'promotoras-v2-mw7rpy';

export async function insertChannel(db: Queryable, id = 1, phoneNumberId = 'pn-1'): Promise<void> {
  await db.query(
    `INSERT INTO channel_connections (id, tenant, name, phone_number_id) VALUES ($1, 'crm', 'WhatsApp main line', $2)`,
    [id, phoneNumberId],
  );
}

export interface ConversationSeed {
  id?: number | string;
  phone: string;
  channelConnectionId?: number;
  status: 'active' | 'closed';
  assignedTo: string | null;
  botFlowId: string | null;
  botStartedAt: string | null;
  updatedAt: string;
}

export async function insertConversation(db: Queryable, seed: ConversationSeed): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO crm_conversations (id, phone, phone_number_id, channel_connection_id, status, assigned_to, bot_flow_id, bot_started_at, created_at, updated_at)
     VALUES (coalesce($1::bigint, nextval(pg_get_serial_sequence('crm_conversations', 'id'))), $2, 'pn-1', $3, $4, $5, $6, $7, $8, $8) RETURNING id::text`,
    [
      seed.id ?? null,
      seed.phone,
      seed.channelConnectionId ?? 1,
      seed.status,
      seed.assignedTo,
      seed.botFlowId,
      seed.botStartedAt,
      seed.updatedAt,
    ],
  );
  return rows[0]!.id;
}

export async function writeSessionFile(dir: string, key: SessionKey, session: BotSession): Promise<void> {
  await writeFile(join(dir, sessionFileName(key)), JSON.stringify(session));
}
