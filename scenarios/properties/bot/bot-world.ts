/**
 * What every bot scenario's world shares: the session directory, the timeout, the simulated
 * clock (liveness is "timed out as of now"), and the log of agent takeovers that COMMITTED
 * (appended by the agent actors after takeOverConversation returned), which is the evidence
 * no-agent-chat-closed-by-bot checks against. Helpers write rows and files ungated.
 *
 * The optional logs are facts the property suite's actors write down as they act (the incident
 * scenarios leave them out): what they are is said on each field, and each is written so that
 * an invariant reading it can only err on the lenient side (a release is logged BEFORE it is
 * attempted, a handled message only once the handler returned).
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
  /**
   * An agent handing a chat back to the bot or closing it, logged before the attempt: `after` is
   * how many takeovers were logged then (a release only excuses the takeovers before it).
   */
  releases?: Array<{ conversationId: string; agent: string; after: number }>;
  /** Conversations seeded in a legacy shape (stale bot fields): the run did not make them so. */
  legacy?: string[];
  /** Every customer message text sent, to the key (`connection/phone`) it was sent on. */
  sent?: Map<string, string>;
  /** Messages handled (by the bot or for an agent), with the simulated time the call started. */
  handled?: Array<{ conversationId: string; startedAt: number }>;
  /**
   * Every handler call that returned (its COMMIT succeeded), with the key the message was sent
   * on and what the handler answered, whatever that was: the evidence messages-reach-conversation
   * checks the rows against.
   */
  answered?: Array<{ key: string; text: string; result: unknown }>;
  /** The simulated instant the run started: history times are milliseconds since then. */
  startMs?: number;
}

/** Every scheduler actor's name starts so: the close-timing invariant reads their closes. */
export const SCHEDULER_ACTOR = 'bot-timeout-scheduler';

export const TIMEOUT_MS = 30 * 60_000;
export const FLOW_ID = 'promotoras-v2-mw7rpy';

/** The phone_number_id of a channel connection in these worlds. */
export const phoneNumberIdOf = (connection: number) => `pn-${connection}`;

export async function insertChannel(db: Queryable, id = 1, phoneNumberId = phoneNumberIdOf(id)): Promise<void> {
  await db.query(`INSERT INTO channel_connections (id, tenant, name, phone_number_id) VALUES ($1, $3, $4, $2)`, [
    id,
    phoneNumberId,
    `crm-${id}`,
    `WhatsApp line ${id}`,
  ]);
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
     VALUES (coalesce($1::bigint, nextval(pg_get_serial_sequence('crm_conversations', 'id'))), $2, $9, $3, $4, $5, $6, $7, $8, $8) RETURNING id::text`,
    [
      seed.id ?? null,
      seed.phone,
      seed.channelConnectionId ?? 1,
      seed.status,
      seed.assignedTo,
      seed.botFlowId,
      seed.botStartedAt,
      seed.updatedAt,
      phoneNumberIdOf(seed.channelConnectionId ?? 1),
    ],
  );
  return rows[0]!.id;
}

export async function writeSessionFile(dir: string, key: SessionKey, session: BotSession): Promise<void> {
  await writeFile(join(dir, sessionFileName(key)), JSON.stringify(session));
}
