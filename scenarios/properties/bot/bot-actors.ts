/**
 * The actors of the bot scenarios, parameterised by the implementation under test (src/bot,
 * the incident's older schedulers, or a planted bug): customers sending messages, agents taking
 * chats over, and the BotTimeoutScheduler ticking. Every I/O goes through the actor's gated
 * Db and SessionFs; an operation that fails (a fault) is logged by the history and the actor
 * carries on with its next step, as a webhook worker or a cron job would.
 */
import type { InboundMessage } from '../../../src/bot/handle-inbound-message.ts';
import { handleInboundMessage } from '../../../src/bot/handle-inbound-message.ts';
import type { SessionFs } from '../../../src/bot/session-fs.ts';
import { SessionStore } from '../../../src/bot/session-store.ts';
import { takeOverConversation } from '../../../src/bot/take-over-conversation.ts';
import { tickBotTimeouts, type TimeoutDeps } from '../../../src/bot/bot-timeout-scheduler.ts';
import type { Actor, ActorEnv } from 'syncsim';
import { FLOW_ID, TIMEOUT_MS, type BotWorld } from './bot-world.ts';

export interface BotImplementation {
  /** One scheduler tick. */
  tick(deps: TimeoutDeps, options: { timeoutMs: number }): Promise<unknown>;
  handle?(deps: TimeoutDeps, message: InboundMessage): Promise<unknown>;
  /** How the implementation builds its session store (a planted bug may write in place). */
  store?(fs: SessionFs, tempTag: () => string): SessionStore;
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

export function schedulerActor(name: string, impl: BotImplementation, gapsMs: readonly number[]): Actor {
  return {
    name,
    async run(env) {
      const deps = depsFor(env, impl);
      for (const gap of gapsMs) {
        if (gap > 0) await env.clock.sleep(gap);
        await attempt(() => impl.tick(deps, { timeoutMs: TIMEOUT_MS }));
      }
    },
  };
}

export function customerActor(name: string, impl: BotImplementation, phone: string, gapsMs: readonly number[]): Actor {
  return {
    name,
    async run(env) {
      const deps = depsFor(env, impl);
      for (const [i, gap] of gapsMs.entries()) {
        if (gap > 0) await env.clock.sleep(gap);
        const message: InboundMessage = {
          phone,
          channelConnectionId: 1,
          phoneNumberId: 'pn-1',
          text: `message ${i + 1}`,
          flowId: FLOW_ID,
        };
        await attempt(() => (impl.handle ?? handleInboundMessage)(deps, message));
      }
    },
  };
}

export function agentActor(
  name: string,
  impl: BotImplementation,
  world: BotWorld,
  plan: ReadonlyArray<{ gapMs: number; phone: string }>,
): Actor {
  return {
    name,
    async run(env) {
      const deps = depsFor(env, impl);
      for (const { gapMs, phone } of plan) {
        if (gapMs > 0) await env.clock.sleep(gapMs);
        await attempt(async () => {
          const { rows } = await env.db.query<{ id: string }>(
            `SELECT id::text FROM crm_conversations WHERE phone = $1 AND status = 'active'`,
            [phone],
          );
          if (!rows[0]) return;
          const result = await takeOverConversation(deps, rows[0].id, name);
          // Logged only once COMMIT returned: the evidence no-agent-chat-closed-by-bot uses.
          if (result.tookOver) world.takeovers.push({ conversationId: result.conversationId, agent: name });
        });
      }
    },
  };
}
