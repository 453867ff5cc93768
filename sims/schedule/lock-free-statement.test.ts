/**
 * A statement that no other session could be blocking is not probed while it runs (the pg gate
 * says so through `flight.othersMayBlock`); the hint only saves round trips: one judged free that
 * does wait on a lock is still found blocked, after the grace period, and the run goes on.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock/sim-clock.ts';
import { HistoryRecorder } from '../history/history.ts';
import { summedTimings } from './bridge-timings.ts';
import { driveSchedule } from './drive-schedule.ts';
import type { GateRequest } from './flight.ts';
import type { LockProbe } from './lock-probe.ts';
import { SchedulerBridge } from './scheduler-bridge.ts';

function world(othersMayBlock: boolean) {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 3, numRuns: 1 });
  const clock = new SimClock(0);
  const history = new HistoryRecorder(() => clock.elapsed());
  const probed: number[] = [];
  let granted = false;
  let grant = () => undefined as void;
  const lockGranted = new Promise<void>((resolve) => (grant = resolve));
  const probe: LockProbe = {
    isBlocked: (pid) => {
      probed.push(pid);
      return Promise.resolve(pid === 1 && !granted);
    },
    waitGone: () => Promise.resolve(),
  };
  // The bench's counter of probes sent, beside the probe's own record of the pids it was asked about.
  const timings = summedTimings(() => 0);
  const bridge = new SchedulerBridge(scheduler!, { history, clock, probe, timings });
  const live = new Set<string>();
  const start = (name: string, run: () => Promise<unknown>) => {
    live.add(name);
    bridge.actorStarted(name);
    void run().finally(() => {
      live.delete(name);
      bridge.actorEnded(name);
    });
  };
  const pg = (actor: string, pid: number, work: () => Promise<void>, sql: string) =>
    bridge.run(
      { actor, system: 'pg', operation: 'query', args: { sql }, mayWaitOnLock: true, releasesLocks: sql === 'COMMIT' },
      (flight) => {
        flight.pid = pid;
        flight.othersMayBlock = () => othersMayBlock;
        return work();
      },
    );
  return {
    scheduler: scheduler!,
    bridge,
    history,
    live,
    probed,
    timings,
    start,
    pg,
    lockGranted,
    grant: () => ((granted = true), grant()),
  };
}

describe('a statement no other session could block', () => {
  it('is not probed while it runs', async () => {
    const w = world(false);
    w.start('a', () => w.pg('a', 1, () => new Promise((resolve) => setTimeout(resolve, 5)), 'UPDATE t SET n = 1'));
    w.start('b', () => w.pg('b', 2, () => Promise.resolve(), 'UPDATE t SET n = 2'));
    await driveSchedule(w.scheduler, w.bridge, { live: () => [...w.live], stallMs: 2_000 });
    expect(w.live.size).toBe(0);
    expect(w.probed).toEqual([]);
    expect(w.timings.probes).toBe(0);
  });

  it('is probed as before when another session could block it', async () => {
    const w = world(true);
    w.start('a', () => w.pg('a', 1, () => new Promise((resolve) => setTimeout(resolve, 5)), 'UPDATE t SET n = 1'));
    await driveSchedule(w.scheduler, w.bridge, { live: () => [...w.live], stallMs: 2_000 });
    expect(w.probed.length).toBeGreaterThan(0);
    expect(w.timings.probes).toBe(w.probed.length);
  });

  it('is still found waiting on a lock after the grace period if it does wait, and its holder runs', async () => {
    const w = world(false);
    // Judged free, yet waits until the other actor's COMMIT (a lock held outside what the gate saw).
    w.start('waiter', () => w.pg('waiter', 1, () => w.lockGranted, 'UPDATE t SET n = 1'));
    w.start('holder', () =>
      w.pg(
        'holder',
        2,
        () => {
          w.grant();
          return Promise.resolve();
        },
        'COMMIT',
      ),
    );
    await driveSchedule(w.scheduler, w.bridge, { live: () => [...w.live], stallMs: 2_000 });
    expect(w.live.size).toBe(0);
    expect(w.bridge.lockWaits).toBe(1);
    expect(w.probed).toContain(1);
    const lines = w.history.events.map((e) => `${e.actor} ${e.type}`);
    expect(lines).toEqual(['waiter invoke', 'holder invoke', 'holder ok', 'waiter ok']);
  });
});
