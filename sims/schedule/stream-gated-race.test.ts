/**
 * With the REAL engine bridge: two actors racing SDK calls against the fake produce the same
 * history for the same seed (byte for byte), whatever the event loop does; the fake's end
 * state follows the scheduled order; different seeds explore different interleavings.
 */
import * as fc from 'fast-check';
import { setupServer } from 'msw/node';
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClock } from '../clock/sim-clock.ts';
import { FaultInjector } from '../faults/fault-injector.ts';
import type { FaultPlan } from '../faults/fault-plan.ts';
import { Rng } from '../rng/rng.ts';
import { HistoryRecorder } from '../history/history.ts';
import type { GateRequest } from './flight.ts';
import { SchedulerBridge } from './scheduler-bridge.ts';
import { gateStreamClient } from '../../fakes/stream/gate-stream-client.ts';
import { StreamWebhooks } from '../../fakes/stream/stream-webhooks.ts';
import { StreamFake } from '../../fakes/stream/stream-fake.ts';
import { DEFAULT_BASE_URL, streamHandlers } from '../../fakes/stream/stream-handlers.ts';
import { parseGetOrCreate, parseUpsertUsers } from '../../fakes/stream/stream-requests.ts';

// One msw server for the file; each race swaps in a fresh fake.
let current: StreamFake;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

async function race(seed: number, plan?: FaultPlan, withWebhooks = false) {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed, numRuns: 1 });
  const clock = new SimClock(Date.parse('2026-03-01T10:00:00Z'));
  const history = new HistoryRecorder(() => clock.elapsed());
  const bridge = new SchedulerBridge(scheduler!, { history, clock });
  const faults = plan ? new FaultInjector(plan, new Rng(seed).fork('faults')) : undefined;
  current = new StreamFake({ apiKey: 'k', apiSecret: 's', now: () => clock.now() });
  server.resetHandlers(...streamHandlers(current, DEFAULT_BASE_URL));
  current.store.upsertUsers(parseUpsertUsers({ a: { id: 'a' }, b: { id: 'b' } }));
  current.store.getOrCreateChannel(
    parseGetOrCreate('messaging', 'room', { data: { created_by_id: 'a', members: ['a', 'b'] } }),
  );

  const received: string[] = [];
  const hooks = withWebhooks
    ? new StreamWebhooks(current, {
        gate: bridge,
        ...(faults ? { faults } : {}),
        handler: async (request) => {
          const event = JSON.parse(await request.text()) as { type: string; message?: { text: string } };
          received.push(`${event.type}:${event.message?.text ?? ''}#${request.headers.get('x-webhook-attempt')}`);
          return new Response(null, { status: 200 });
        },
      })
    : undefined;
  const actor = async (name: string) => {
    const client = new StreamChat('k', 's', { baseURL: DEFAULT_BASE_URL, disableCache: true });
    gateStreamClient(client, { gate: bridge, actor: name, clock, ...(faults ? { faults } : {}) });
    const room = client.channel('messaging', 'room');
    // Under faults an actor carries on after a failed call, as a sync job logging errors would.
    const attempt = (call: Promise<unknown>) => (faults ? call.catch(() => undefined) : call);
    await attempt(room.sendMessage({ text: `${name}-1`, user_id: name }));
    await attempt(room.updatePartial({ set: { last_writer: name } as never }));
    await attempt(room.sendMessage({ text: `${name}-2`, user_id: name }));
  };
  // Webhook deliveries are scheduled tasks too: wait for them under the scheduler as well.
  await scheduler!.waitFor(Promise.all([actor('a'), actor('b')]).then(() => hooks?.settled()));
  bridge.close();
  const texts = current.store.messagesOf('messaging:room').map((m) => m.text);
  return {
    received,
    history: JSON.stringify(history.events),
    texts,
    lastWriter: current.store.channels.get('messaging:room')!.custom.last_writer,
  };
}

describe('Stream fake under the real scheduler bridge', () => {
  it('gives the same history and end state for the same seed', async () => {
    const first = await race(7);
    const second = await race(7);
    expect(second.history).toBe(first.history);
    expect(second.texts).toEqual(first.texts);
    expect(first.texts).toHaveLength(4);
    expect(JSON.parse(first.history)).toHaveLength(12);
  });

  it('orders the messages as the scheduler released the requests, and different seeds interleave differently', async () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      const { history, texts } = await race(seed);
      const sent = (
        JSON.parse(history) as Array<{
          type: string;
          operation: string;
          args?: { body?: { message?: { text?: string } } };
        }>
      )
        .filter((e) => e.type === 'invoke' && e.operation.endsWith('/message'))
        .map((e) => e.args!.body!.message!.text);
      expect(texts).toEqual(sent);
      orders.add(texts.join(','));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('replays the same faults at the same points for the same seed (response-lost applied and recorded info)', async () => {
    const plan: FaultPlan = { rates: { 'response-lost': 0.3, 'http-503': 0.2, 'connection-reset': 0.1 } };
    const runs = [];
    for (let seed = 0; seed < 8; seed++) {
      const first = await race(seed, plan);
      const second = await race(seed, plan);
      expect(second.history).toBe(first.history);
      expect(second.texts).toEqual(first.texts);
      runs.push({
        events: JSON.parse(first.history) as Array<{
          type: string;
          operation: string;
          op: number;
          args?: { body?: { message?: { text?: string } } };
        }>,
        texts: first.texts,
      });
    }
    const all = runs.flatMap((r) => r.events);
    expect(all.some((e) => e.type === 'info')).toBe(true);
    expect(all.some((e) => e.type === 'fail')).toBe(true);
    // A message whose response was lost is in the store all the same.
    let lost = 0;
    for (const { events, texts } of runs) {
      for (const info of events.filter((e) => e.type === 'info' && e.operation.endsWith('/message'))) {
        expect(texts).toContain(events[info.op]!.args!.body!.message!.text);
        lost++;
      }
    }
    expect(lost).toBeGreaterThan(0);
  });

  it('delivers webhooks as scheduled operations that race the actors, identically per seed', async () => {
    const plan: FaultPlan = { rates: { 'response-lost': 0.3 } };
    const first = await race(5, plan, true);
    const second = await race(5, plan, true);
    expect(second.history).toBe(first.history);
    expect(second.received).toEqual(first.received);
    const events = JSON.parse(first.history) as Array<{ actor: string; type: string; index: number }>;
    const hookOps = events.filter((e) => e.actor === 'stream-webhooks' && e.type === 'invoke');
    expect(hookOps.length).toBeGreaterThanOrEqual(first.texts.length);
    // At least one delivery was released before an actor's later request: they interleave.
    const lastActorInvoke = Math.max(
      ...events.filter((e) => e.actor !== 'stream-webhooks' && e.type === 'invoke').map((e) => e.index),
    );
    expect(hookOps.some((e) => e.index < lastActorInvoke)).toBe(true);
    // Every sent message reached the receiver at least once.
    for (const text of first.texts) expect(first.received.some((r) => r.startsWith(`message.new:${text}#`))).toBe(true);
  });
});
