import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock/sim-clock.ts';
import { HistoryRecorder } from '../history/history.ts';
import { summedTimings, type BridgeTimings } from './bridge-timings.ts';
import type { GateRequest } from './flight.ts';
import { SchedulerBridge } from './scheduler-bridge.ts';

/** Two actors: a Stream call, a sleep on the simulated clock, another Stream call. */
async function run(timings?: BridgeTimings) {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 5, numRuns: 1 });
  const clock = new SimClock(0);
  const history = new HistoryRecorder(() => clock.elapsed());
  const bridge = new SchedulerBridge(scheduler!, { history, clock, ...(timings ? { timings } : {}) });
  const call = (actor: string, n: number) =>
    bridge.run({ actor, system: 'stream', operation: `call-${n}` }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return n;
    });
  const actor = async (name: string) => {
    await call(name, 1);
    await bridge.sleep(name, 10);
    await call(name, 2);
  };
  await scheduler!.waitFor(Promise.all([actor('a'), actor('b')]));
  return history.events.map((e) => `${e.time} ${e.actor} ${e.operation} ${e.type}`);
}

describe('bridge timings', () => {
  it('split each release into phases by the stopwatch it is given, and change nothing in the run', async () => {
    let ticks = 0;
    const timings = summedTimings(() => ++ticks);
    const timed = await run(timings);
    expect(timed).toEqual(await run());
    const { totals } = timings;
    // Four Stream calls and two sleeps were released: each of their phases took ticks.
    expect(totals['io-http']).toBeGreaterThanOrEqual(4);
    expect(totals['io-other']).toBeGreaterThanOrEqual(2);
    expect(totals.gate).toBeGreaterThanOrEqual(6);
    expect(totals.actor).toBeGreaterThanOrEqual(6);
    // Five gaps between six releases.
    expect(totals.scheduler).toBeGreaterThanOrEqual(5);
    expect(totals['io-pg']).toBe(0);
  });
});
