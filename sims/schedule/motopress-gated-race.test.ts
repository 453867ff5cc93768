/**
 * With the REAL engine bridge (sims/schedule/scheduler-bridge.ts): two actors racing MotoPress
 * requests through gatedFetch produce the same history and end state for the same seed, byte for
 * byte, whatever the event loop does; the store's end state follows the scheduled order; and a
 * fault plan replays the same faults at the same points.
 */
import * as fc from 'fast-check';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClock } from '../clock/sim-clock.ts';
import { FaultInjector } from '../faults/fault-injector.ts';
import type { FaultPlan } from '../faults/fault-plan.ts';
import { HistoryRecorder } from '../history/history.ts';
import { Rng } from '../rng/rng.ts';
import type { GateRequest } from './flight.ts';
import { SchedulerBridge } from './scheduler-bridge.ts';
import { gatedFetch } from '../../fakes/motopress/gated-fetch.ts';
import { MotopressFake } from '../../fakes/motopress/motopress-fake.ts';
import { motopressHandlers } from '../../fakes/motopress/motopress-handlers.ts';
import { API, basic, SITE, smallHotel } from '../../fakes/motopress/fixtures/motopress-site.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

async function race(seed: number, plan?: FaultPlan) {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed, numRuns: 1 });
  const clock = new SimClock(Date.parse('2026-03-01T10:00:00Z'));
  const history = new HistoryRecorder(() => clock.elapsed());
  const bridge = new SchedulerBridge(scheduler!, { history, clock });
  const faults = plan ? new FaultInjector(plan, new Rng(seed).fork('faults')) : undefined;
  const fake = new MotopressFake({ now: () => clock.now() });
  const hotel = smallHotel(fake.store, { advance: (ms) => clock.advance(ms) });
  server.resetHandlers(...motopressHandlers(fake, SITE));
  const target = hotel.byStatus[2]!.id;

  const actor = async (name: string, status: string) => {
    const f = gatedFetch({ gate: bridge, actor: name, clock, ...(faults ? { faults } : {}) });
    // Under faults an actor carries on after a failed call, as a sync job logging errors would.
    const attempt = (call: Promise<unknown>) => (faults ? call.catch(() => undefined) : call);
    await attempt(f(`${API}/bookings?per_page=3&orderby=id&order=asc`, { headers: basic() }).then((r) => r.text()));
    await attempt(
      f(`${API}/bookings/${target}`, {
        method: 'POST',
        headers: { ...basic(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ status }),
      }).then((r) => r.text()),
    );
    await attempt(f(`${API}/bookings/${target}`, { headers: basic() }).then((r) => r.text()));
  };
  await scheduler!.waitFor(Promise.all([actor('admin', 'cancelled'), actor('guest', 'confirmed')]));
  bridge.close();
  return { history: JSON.stringify(history.events), status: fake.store.bookings.get(target)!.status };
}

describe('MotoPress fake under the real scheduler bridge', () => {
  it('gives the same history and end state for the same seed', async () => {
    const first = await race(3);
    const second = await race(3);
    expect(second.history).toBe(first.history);
    expect(second.status).toBe(first.status);
    const events = JSON.parse(first.history) as Array<{ system: string; type: string }>;
    expect(events).toHaveLength(12);
    expect(events.every((e) => e.system === 'motopress')).toBe(true);
  });

  it('ends with the status of the write the scheduler released last; seeds explore both orders', async () => {
    const winners = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      const { history, status } = await race(seed);
      const writes = (
        JSON.parse(history) as Array<{ type: string; operation: string; args?: { body?: { status?: string } } }>
      ).filter((e) => e.type === 'invoke' && e.operation.startsWith('POST'));
      expect(status).toBe(writes.at(-1)!.args!.body!.status);
      winners.add(status);
    }
    expect(winners).toEqual(new Set(['cancelled', 'confirmed']));
  });

  it('replays the same faults at the same points for the same seed (5xx fail, response-lost info)', async () => {
    const plan: FaultPlan = { rates: { 'response-lost': 0.3, 'http-503': 0.2, 'connection-reset': 0.1 } };
    const types = new Set<string>();
    for (let seed = 0; seed < 8; seed++) {
      const first = await race(seed, plan);
      const second = await race(seed, plan);
      expect(second.history).toBe(first.history);
      expect(second.status).toBe(first.status);
      for (const e of JSON.parse(first.history) as Array<{ type: string }>) types.add(e.type);
    }
    expect(types).toEqual(new Set(['invoke', 'ok', 'fail', 'info']));
  });
});
