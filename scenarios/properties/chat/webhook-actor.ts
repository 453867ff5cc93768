/**
 * Stream delivering webhooks to the gym app's endpoint (handleStreamWebhook), as Stream does it:
 * the signed raw body with the same X-Webhook-Id on every attempt; a delivery that failed (the
 * handler threw: a Postgres fault, a Stream fault on its channel lookup, a crash) is retried on
 * a later round; a 2xx Stream did not see (the response was lost) is delivered again; a delivery
 * that is slow is retried by another worker while it still runs (timeoutRetrier: the same id
 * twice at once); deliveries of a round go in an order the actor's rng picks, and two workers
 * may deliver the same id at once. The heal phase drains what is left, in order, with no
 * duplicates.
 */
import type { StreamChat } from 'stream-chat';
import type { Actor, ActorEnv } from 'syncsim';
import type { ChatImplementation } from './chat-implementation.ts';
import { API_KEY, API_SECRET, streamClientFor, type ChatWorld } from './chat-world.ts';
import { sleepInSeconds } from './sleep-in-seconds.ts';

async function deliver(
  env: ActorEnv,
  impl: ChatImplementation,
  world: ChatWorld,
  stream: StreamChat,
  webhookId: string,
  attempt: number,
  duplicatePercent: number,
): Promise<void> {
  const delivery = world.outbox.deliveries.get(webhookId)!;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-webhook-id': webhookId,
    'x-webhook-attempt': String(attempt),
    'x-api-key': API_KEY,
    'x-signature': delivery.signature,
  };
  try {
    const result = await impl.handleStreamWebhook(
      { db: env.db, stream, secret: API_SECRET },
      { rawBody: delivery.rawBody, header: (name) => headers[name.toLowerCase()] },
    );
    if (result.outcome === 'processed' || result.outcome === 'room-created') world.outbox.effective.add(webhookId);
    // A 2xx whose answer Stream never got: it delivers the same id again later.
    if (result.status === 200 && !env.rng.chance(duplicatePercent / 100)) world.outbox.pending.delete(webhookId);
  } catch {
    // The endpoint failed (5xx or a reset, as Stream sees it): the id stays pending, Stream retries.
  }
}

export function webhookWorker(
  name: string,
  impl: ChatImplementation,
  world: ChatWorld,
  plan: { roundGapsMs: readonly number[]; duplicatePercent: number },
): Actor {
  return {
    name,
    async run(env) {
      const stream = streamClientFor(env);
      for (const [round, gap] of plan.roundGapsMs.entries()) {
        await sleepInSeconds(env, gap);
        const due = [...world.outbox.pending];
        // Out of order: Stream's deliveries race each other.
        for (let i = due.length - 1; i > 0; i--) {
          const j = env.rng.int(0, i);
          [due[i], due[j]] = [due[j]!, due[i]!];
        }
        for (const webhookId of due) {
          world.outbox.inFlight.add(webhookId);
          try {
            await deliver(env, impl, world, stream, webhookId, round + 1, plan.duplicatePercent);
          } finally {
            world.outbox.inFlight.delete(webhookId);
          }
        }
      }
    },
  };
}

/**
 * Stream giving up on a delivery that takes too long and retrying it from another worker while
 * the first attempt still runs: every second of the workers' rounds it looks at the deliveries
 * in flight, and retries each at most once, as often as the plan's duplicate share says. (A
 * separate actor: one actor's operations never overlap each other.)
 */
export function timeoutRetrier(
  name: string,
  impl: ChatImplementation,
  world: ChatWorld,
  plan: { roundGapsMs: readonly number[]; duplicatePercent: number },
): Actor {
  return {
    name,
    async run(env) {
      const stream = streamClientFor(env);
      const seen = new Set<string>();
      const seconds = plan.roundGapsMs.reduce((sum, gap) => sum + gap, 0) / 1000 + 20;
      for (let second = 0; second < seconds; second++) {
        await env.clock.sleep(1000);
        const slow = [...world.outbox.inFlight].find((webhookId) => !seen.has(webhookId));
        if (slow === undefined) continue;
        seen.add(slow);
        if (env.rng.chance(plan.duplicatePercent / 100)) await deliver(env, impl, world, stream, slow, 2, 0);
      }
    },
  };
}

/** Heal: every id still pending, in order, until none is (bounded: a handler that never answers 2xx stays). */
export async function drainWebhooks(env: ActorEnv, impl: ChatImplementation, world: ChatWorld): Promise<void> {
  const stream = streamClientFor(env);
  for (let pass = 0; pass < 3 && world.outbox.pending.size > 0; pass++) {
    for (const webhookId of [...world.outbox.pending]) await deliver(env, impl, world, stream, webhookId, 10 + pass, 0);
  }
}
