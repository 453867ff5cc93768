/**
 * Departures from the default policy, without Postgres: actors that read a shared counter and
 * write it back through the bridge (a lost update when a read lands between another actor's read
 * and write). Recording, exact and tolerant replay, and the minimiser on real runs.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock/sim-clock.ts';
import { HistoryRecorder } from '../history/history.ts';
import type { CaseScheduler } from './case-scheduler.ts';
import type { Departure } from './decision-tracker.ts';
import { decodeDepartures, encodeDepartures } from './departure-codec.ts';
import { driveSchedule } from './drive-schedule.ts';
import type { GateRequest } from './flight.ts';
import { minimiseDepartures } from './minimise-departures.ts';
import { PolicyScheduler } from './policy-scheduler.ts';
import { RecordingScheduler } from './recording-scheduler.ts';
import { SchedulerBridge } from './scheduler-bridge.ts';

/** `actors` actors each increment a counter `times` times with a read then a write. */
async function increments(inner: CaseScheduler, actors: string[], times = 1) {
  const scheduler = new RecordingScheduler(inner);
  const clock = new SimClock(0);
  const history = new HistoryRecorder(() => clock.elapsed());
  const bridge = new SchedulerBridge(scheduler, { history, clock });
  let counter = 0;
  const live = new Set(actors);
  const op = <T>(actor: string, operation: string, work: () => T) =>
    bridge.run({ actor, system: 'stream', operation }, () => Promise.resolve(work()));
  const runs = actors.map(async (actor) => {
    bridge.actorStarted(actor);
    for (let i = 0; i < times; i++) {
      const seen = await op(actor, 'read', () => counter);
      await op(actor, 'write', () => (counter = seen + 1));
    }
    live.delete(actor);
    bridge.actorEnded(actor);
  });
  await driveSchedule(scheduler, bridge, { live: () => [...live] });
  await Promise.all(runs);
  bridge.close();
  return {
    lost: counter !== actors.length * times,
    taken: scheduler.tracker.departures(),
    decisions: scheduler.tracker.steps,
    order: history.events.filter((e) => e.type === 'ok').map((e) => `${e.actor}:${e.operation}`),
  };
}

const explorer = (seed: number): CaseScheduler => fc.sample(fc.scheduler<GateRequest>(), { seed, numRuns: 1 })[0]!;
const readOfB: Departure = { after: 'a:stream.read:0', task: 'b:stream.read:0' };

describe('PolicyScheduler', () => {
  it('with no departure runs each actor to its end, lowest name first: no lost update', async () => {
    const run = await increments(new PolicyScheduler([]), ['b', 'a']);
    expect(run.order).toEqual(['a:read', 'a:write', 'b:read', 'b:write']);
    expect(run.lost).toBe(false);
    expect(run.taken).toEqual([]);
  });

  it("one departure, B's read after A's read, loses the update and is recorded as the one preemption", async () => {
    const run = await increments(new PolicyScheduler([readOfB]), ['a', 'b']);
    expect(run.order).toEqual(['a:read', 'b:read', 'b:write', 'a:write']);
    expect(run.lost).toBe(true);
    expect(run.taken).toEqual([readOfB]);
  });

  it('replays tolerantly: a departure naming a task that does not exist is skipped, the rest still apply', async () => {
    const missing: Departure = { after: 'a:stream.read:0', task: 'c:stream.read:0' };
    const unknownAfter: Departure = { after: 'z:stream.write:7', task: 'b:stream.write:0' };
    const run = await increments(new PolicyScheduler([missing, readOfB, unknownAfter]), ['a', 'b']);
    expect(run.order).toEqual(['a:read', 'b:read', 'b:write', 'a:write']);
    expect(run.taken).toEqual([readOfB]);
  });

  it("replays fast-check's interleavings exactly from their departures", async () => {
    for (let seed = 0; seed < 10; seed++) {
      const explored = await increments(explorer(seed), ['a', 'b', 'c'], 2);
      const replayed = await increments(
        new PolicyScheduler(decodeDepartures(encodeDepartures(explored.taken))),
        ['a', 'b', 'c'],
        2,
      );
      expect(replayed.order).toEqual(explored.order);
      expect(replayed.taken).toEqual(explored.taken);
    }
  });

  it('minimises a lost update found by fast-check to the one preemption a person would draw', async () => {
    const actors = ['a', 'b', 'c'];
    let minimisedSome = false;
    for (let seed = 0; seed < 10; seed++) {
      const found = await increments(explorer(seed), actors, 2);
      if (!found.lost) continue;
      const attempt = async (departures: Departure[]) => {
        const run = await increments(new PolicyScheduler(departures), actors, 2);
        return { fails: run.lost, taken: run.taken, decisions: run.decisions };
      };
      const minimal = await minimiseDepartures(found.taken, attempt, 200);
      expect(minimal.budgetHit).toBe(false);
      expect(minimal.departures).toHaveLength(1);
      const [only] = minimal.departures;
      // Another actor's read between an actor's read and its write.
      expect(only!.after).toMatch(/:stream\.read:/);
      expect(only!.task).toMatch(/:stream\.read:/);
      expect(only!.task.split(':')[0]).not.toBe(only!.after!.split(':')[0]);
      expect((await attempt(minimal.departures)).fails).toBe(true);
      if (found.taken.length > 1) minimisedSome = true;
    }
    expect(minimisedSome, 'no seed had a failure with more than one preemption to minimise').toBe(true);
  });
});

describe('minimiseDepartures', () => {
  const d = (n: number): Departure => ({ after: `x:stream.step:${n}`, task: `y:stream.step:${n}` });
  const z: Departure = { after: 'x:stream.step:0', task: 'z:stream.step:0' };
  // Fails with d1, d2 and d3 together, or with z alone (which ddmin, only removing, cannot reach).
  const synthetic = (departures: Departure[]) => {
    const has = (dep: Departure) => departures.some((x) => x.task === dep.task && x.after === dep.after);
    return Promise.resolve({
      fails: [d(1), d(2), d(3)].every(has) || (departures.length === 1 && has(z)),
      taken: departures,
      decisions: [
        {
          after: 'x:stream.step:0',
          pending: ['x:stream.step:1', 'z:stream.step:0'],
          default: 'x:stream.step:1',
          chosen: 'x:stream.step:1',
        },
      ],
    });
  };

  it('delta-debugs down to the departures that matter, then finds a schedule with fewer by bounded search', async () => {
    const minimal = await minimiseDepartures([d(1), d(4), d(2), d(3)], synthetic, 100);
    expect(minimal).toMatchObject({ departures: [z], before: 4, budgetHit: false });
  });

  it('stops at the budget, keeping the smallest failing list so far and saying so', async () => {
    const minimal = await minimiseDepartures([d(1), d(4), d(2), d(3)], synthetic, 1);
    expect(minimal).toEqual({ departures: [d(1), d(4), d(2), d(3)], before: 4, runs: 1, budgetHit: true });
  });

  it('refuses a malformed --schedule with one line naming the part', () => {
    expect(() => decodeDepartures('a:b:0@start,nonsense')).toThrow(/^'nonsense' is not a departure/);
    expect(decodeDepartures('')).toEqual([]);
  });
});
