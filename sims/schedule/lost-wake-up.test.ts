/**
 * The hang of issue 15: a lock waiter whose lock is granted while the bridge releases an
 * operation that "cannot release locks" was never handed back. It happened when a connection
 * was destroyed (its backend's exit frees its locks) and the bridge decided whether to look at
 * blocked operations by whether that exit was still in progress when the release ended: under
 * load it had already finished, the waiter (granted its advisory lock, its backend "idle in
 * transaction") was never resumed, and the run waited for it forever at 0% CPU.
 *
 * Reproduced here without timing: the destroy's work has already settled when the release ends.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock/sim-clock.ts';
import { HistoryRecorder } from '../history/history.ts';
import { CaseCutShort } from './case-cut-short.ts';
import { driveSchedule } from './drive-schedule.ts';
import type { GateRequest } from './flight.ts';
import type { LockProbe } from './lock-probe.ts';
import { SchedulerBridge } from './scheduler-bridge.ts';

const WAITER_PID = 2;
const HOLDER_PID = 1;

function world() {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 7, numRuns: 1 });
  const clock = new SimClock(0);
  const history = new HistoryRecorder(() => clock.elapsed());
  let granted = false;
  let grant = () => undefined as void;
  const lockGranted = new Promise<void>((resolve) => (grant = resolve));
  let onFirstWait = () => undefined as void;
  const probe: LockProbe = {
    isBlocked: (pid) => {
      if (pid === WAITER_PID && !granted) onFirstWait();
      return Promise.resolve(pid === WAITER_PID && !granted);
    },
    waitGone: () => Promise.resolve(),
  };
  const bridge = new SchedulerBridge(scheduler!, { history, clock, probe });
  const live = new Set<string>();
  const start = (name: string, run: () => Promise<void>) => {
    live.add(name);
    bridge.actorStarted(name);
    void run().finally(() => {
      live.delete(name);
      bridge.actorEnded(name);
    });
  };
  const pg = (actor: string, pid: number, work: () => Promise<void>) =>
    bridge.run({ actor, system: 'pg', operation: 'query', args: { sql: `${actor}'s statement` } }, (flight) => {
      flight.pid = pid;
      return work();
    });
  // The waiter asks for the lock first; the holder appears once the waiter is seen blocked.
  start('waiter', () => pg('waiter', WAITER_PID, () => lockGranted));
  onFirstWait = () => {
    onFirstWait = () => undefined;
    start('holder', async () => {
      await pg('holder', HOLDER_PID, () => Promise.resolve());
      // What releasing a connection with `release(true)` does: the backend exits (its exit,
      // held by the bridge, has already completed here) and the waiter gets the lock.
      granted = true;
      grant();
      bridge.hold(Promise.resolve());
      await bridge.run({ actor: 'holder', system: 'fs', operation: 'readFile' }, () => Promise.resolve());
    });
  };
  return { scheduler: scheduler!, bridge, history, live };
}

describe('a lock waiter woken during a release', () => {
  it('is handed back in that release, so the case ends', async () => {
    const { scheduler, bridge, history, live } = world();
    await driveSchedule(scheduler, bridge, { live: () => [...live], stallMs: 200 });
    expect(live.size).toBe(0);
    const lines = history.events.map((e) => `${e.actor} ${e.system} ${e.type}`);
    // Handed back right after the release that freed its lock, before the holder's next operation.
    expect(lines).toEqual([
      'waiter pg invoke',
      'holder pg invoke',
      'holder pg ok',
      'waiter pg ok',
      'holder fs invoke',
      'holder fs ok',
    ]);
  });

  it('a case that cannot settle is reported with what was pending, not left hanging', async () => {
    const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 1, numRuns: 1 });
    const clock = new SimClock(0);
    const bridge = new SchedulerBridge(scheduler!, { history: new HistoryRecorder(() => clock.elapsed()), clock });
    bridge.actorStarted('stuck');
    const cut = driveSchedule(scheduler!, bridge, { live: () => ['stuck'], stallMs: 20 });
    await expect(cut).rejects.toBeInstanceOf(CaseCutShort);
    await expect(cut).rejects.toThrow(/stuck neither reached a gate nor finished/);
  });
});
