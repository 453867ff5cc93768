import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock/sim-clock.ts';
import { HistoryRecorder } from '../history/history.ts';
import type { GateRequest } from './flight.ts';
import { SchedulerBridge } from './scheduler-bridge.ts';

/** Two actors doing three fake I/O calls each; `durations` are REAL milliseconds per call. */
async function race(seed: number, durations: number[]) {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed, numRuns: 1 });
  const clock = new SimClock(0);
  const history = new HistoryRecorder(() => clock.elapsed());
  const bridge = new SchedulerBridge(scheduler!, { history, clock });
  let inFlight = 0;
  let maxInFlight = 0;
  let call = 0;
  const io = (actor: string, n: number) =>
    bridge.run({ actor, system: 'stream', operation: `call-${n}` }, async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, durations[call++ % durations.length]));
      inFlight--;
      return `${actor}-${n}`;
    });
  const actor = async (name: string) => {
    for (let n = 0; n < 3; n++) await io(name, n);
  };
  await scheduler!.waitFor(Promise.all([actor('a'), actor('b')]));
  return { maxInFlight, history: history.events.map((e) => `${e.time} ${e.actor} ${e.operation} ${e.type}`) };
}

describe('SchedulerBridge', () => {
  it('keeps one operation in flight and orders them by the seed alone, whatever the real durations', async () => {
    const fast = await race(11, [0]);
    const uneven = await race(11, [7, 0, 3, 1, 9, 0]);
    expect(fast.maxInFlight).toBe(1);
    expect(uneven.maxInFlight).toBe(1);
    expect(uneven.history).toEqual(fast.history);
    expect(fast.history).toHaveLength(12);
  });

  it('explores different interleavings for different seeds', async () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 12; seed++)
      orders.add(
        (await race(seed, [0])).history
          .filter((line) => line.endsWith('ok'))
          .map((line) => line.split(' ')[1])
          .join(''),
      );
    expect(orders.size).toBeGreaterThan(3);
  });

  it('records a failed operation as fail, or as info when the classifier says the outcome is unknown', async () => {
    const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 1, numRuns: 1 });
    const clock = new SimClock(0);
    const history = new HistoryRecorder(() => clock.elapsed());
    const bridge = new SchedulerBridge(scheduler!, { history, clock });
    const lost = bridge.run(
      { actor: 'a', system: 'motopress', operation: 'POST /bookings' },
      () => Promise.reject(new Error('socket hang up')),
      { classify: () => 'info' },
    );
    await expect(scheduler!.waitFor(lost)).rejects.toThrow('socket hang up');
    expect(history.events.map((e) => e.type)).toEqual(['invoke', 'info']);
    bridge.close();
    await expect(
      bridge.run({ actor: 'a', system: 'pg', operation: 'query' }, () => Promise.resolve(1)),
    ).rejects.toThrow(/after the run ended/);
  });
});
