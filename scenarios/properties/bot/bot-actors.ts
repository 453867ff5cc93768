/**
 * The actors of the bot scenarios, parameterised by the implementation under test (src/bot,
 * the incident's older schedulers, or a planted bug): customers sending messages on their
 * channel connection (again after their chat was closed: a new conversation), agents taking
 * chats over, handing them back to the bot or closing them (the CRM's own statements, under
 * the key's lock as src/bot's writers are), the BotTimeoutScheduler ticking, and the operator
 * running the incident's cleanup. Every I/O goes through the actor's gated Db and SessionFs; an
 * operation that fails (a fault) is logged by the history and the actor carries on with its
 * next step, as a webhook worker or a cron job would.
 */
import type { InboundMessage } from '../../../src/bot/handle-inbound-message.ts';
import { handleInboundMessage } from '../../../src/bot/handle-inbound-message.ts';
import type { SessionFs } from '../../../src/bot/session-fs.ts';
import { SessionStore } from '../../../src/bot/session-store.ts';
import { takeOverConversation } from '../../../src/bot/take-over-conversation.ts';
import { tickBotTimeouts, type TimeoutDeps } from '../../../src/bot/bot-timeout-scheduler.ts';
import { runBotCleanup } from '../../../src/bot/apply-bot-cleanup.ts';
import { iso } from '../../../src/bot/conversation-row.ts';
import type { SessionKey } from '../../../src/bot/session-file-name.ts';
import { withSessionLock } from '../../../src/bot/with-session-lock.ts';
import type { Actor, ActorEnv } from 'syncsim';
import { FLOW_ID, phoneNumberIdOf, TIMEOUT_MS, type BotWorld } from './bot-world.ts';

export interface BotImplementation {
  /** One scheduler tick. */
  tick(deps: TimeoutDeps, options: { timeoutMs: number }): Promise<unknown>;
  handle?(deps: TimeoutDeps, message: InboundMessage): Promise<unknown>;
  /** How the implementation builds its session store (a planted bug may write in place). */
  store?(fs: SessionFs, tempTag: () => string): SessionStore;
  takeOver?: typeof takeOverConversation;
  cleanup?: typeof runBotCleanup;
}

export const srcImplementation = (closeOrder: 'file-first' | 'row-first' = 'file-first'): BotImplementation => ({
  tick: (deps, options) => tickBotTimeouts(deps, { ...options, closeOrder }),
});

export function depsFor(env: ActorEnv, impl: BotImplementation): TimeoutDeps {
  let writes = 0;
  const tag = () => `${env.actor}-${++writes}`;
  const sessions = impl.store ? impl.store(env.fs, tag) : new SessionStore(env.fs, { tempTag: tag });
  return { db: env.db, sessions, clock: env.clock };
}

/** Swallow an operation's failure: the history already recorded it. */
async function attempt(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch {
    // A faulted operation: the next step (or the next tick) is the retry.
  }
}

/** A job run after each gap (a cron or a worker), a failed run left to the next one. */
function periodicActor(
  name: string,
  impl: BotImplementation,
  gapsMs: readonly number[],
  job: (deps: TimeoutDeps) => Promise<unknown>,
): Actor {
  return {
    name,
    async run(env) {
      const deps = depsFor(env, impl);
      for (const gap of gapsMs) {
        if (gap > 0) await env.clock.sleep(gap);
        await attempt(() => job(deps));
      }
    },
  };
}

export function schedulerActor(name: string, impl: BotImplementation, gapsMs: readonly number[]): Actor {
  return periodicActor(name, impl, gapsMs, (deps) => impl.tick(deps, { timeoutMs: TIMEOUT_MS }));
}

export function customerActor(
  name: string,
  impl: BotImplementation,
  world: BotWorld,
  key: SessionKey,
  gapsMs: readonly number[],
): Actor {
  return {
    name,
    async run(env) {
      const deps = depsFor(env, impl);
      for (const [i, gap] of gapsMs.entries()) {
        if (gap > 0) await env.clock.sleep(gap);
        const message: InboundMessage = {
          ...key,
          phoneNumberId: phoneNumberIdOf(key.channelConnectionId),
          // Unique per message: no-cross-connection-session traces a session's text to its sender.
          text: `${name} message ${i + 1}`,
          flowId: FLOW_ID,
        };
        world.sent?.set(message.text, `${key.channelConnectionId}/${key.phone}`);
        // Read before the call: the handler stamps the row no earlier than this.
        const startedAt = env.clock.now();
        await attempt(async () => {
          const result = await (impl.handle ?? handleInboundMessage)(deps, message);
          world.answered?.push({ key: `${key.channelConnectionId}/${key.phone}`, text: message.text, result });
          const conversationId = (result as { conversationId?: unknown } | undefined)?.conversationId;
          if (typeof conversationId === 'string') world.handled?.push({ conversationId, startedAt });
        });
      }
    },
  };
}

export type AgentAction = 'take-over' | 'hand-back' | 'close';

export function agentActor(
  name: string,
  impl: BotImplementation,
  world: BotWorld,
  plan: ReadonlyArray<{ gapMs: number; key: SessionKey; action: AgentAction }>,
): Actor {
  return {
    name,
    async run(env) {
      const deps = depsFor(env, impl);
      for (const { gapMs, key, action } of plan) {
        if (gapMs > 0) await env.clock.sleep(gapMs);
        await attempt(async () => {
          const { rows } = await env.db.query<{ id: string }>(
            `SELECT id::text FROM crm_conversations WHERE channel_connection_id = $1 AND phone = $2 AND status = 'active'`,
            [key.channelConnectionId, key.phone],
          );
          if (!rows[0]) return;
          const conversationId = rows[0].id;
          if (action === 'take-over') {
            const result = await (impl.takeOver ?? takeOverConversation)(deps, conversationId, name);
            // Logged only once COMMIT returned: the evidence no-agent-chat-closed-by-bot uses.
            if (result.tookOver) world.takeovers.push({ conversationId: result.conversationId, agent: name });
            return;
          }
          // Logged BEFORE the attempt: a release whose outcome is unknown still excuses the chat.
          world.releases?.push({ conversationId, agent: name, after: world.takeovers.length });
          await releaseChat(env, key, conversationId, name, action);
        });
      }
    },
  };
}

/**
 * What the CRM does when an agent hands a chat back to the bot (the bot owns it again, with no
 * flow and no file until the customer writes: a shape src/bot handles) or closes it. Only the
 * agent holding the chat can, and only while it is active; under the key's lock like every
 * other writer of the key.
 */
async function releaseChat(
  env: ActorEnv,
  key: SessionKey,
  conversationId: string,
  agent: string,
  action: Exclude<AgentAction, 'take-over'>,
): Promise<void> {
  await withSessionLock(env.db, key, (tx) =>
    action === 'hand-back'
      ? tx.query(
          `UPDATE crm_conversations SET assigned_to = 'bot', updated_at = $3 WHERE id = $1 AND status = 'active' AND assigned_to = $2`,
          [conversationId, agent, iso(env.clock.now())],
        )
      : tx.query(
          `UPDATE crm_conversations SET status = 'closed', updated_at = $3 WHERE id = $1 AND status = 'active' AND assigned_to = $2`,
          [conversationId, agent, iso(env.clock.now())],
        ),
  );
}

/** The operator running the incident's cleanup with --apply (src/bot's answer to legacy rows). */
export function operatorActor(name: string, impl: BotImplementation, gapsMs: readonly number[]): Actor {
  return periodicActor(name, impl, gapsMs, (deps) => (impl.cleanup ?? runBotCleanup)(deps, { apply: true }));
}
