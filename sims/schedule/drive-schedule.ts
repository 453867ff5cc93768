/**
 * Releases a case's operations one at a time until every actor has finished or crashed.
 *
 * fast-check's `waitFor` picks the next task after a fixed number of microtask turns, so an
 * actor that needs a few more event-loop turns to reach its next gate (a response body read,
 * a timer inside a client library) may or may not be among the candidates: the choice would
 * depend on the machine's load. Here the next task is picked only once the run has settled:
 * the bridge is idle and every live actor is parked (waiting at a gate or on a Postgres lock).
 * Real time is only used to give up on a case that cannot settle (a stall), never to choose.
 *
 * Every case is bounded by a count of steps, so a case that does not end is reported (as a
 * CaseCutShort with the operations still pending) at the same step on every replay.
 */
import type { CaseScheduler } from './case-scheduler.ts';
import { CaseCutShort } from './case-cut-short.ts';
import type { SchedulerBridge } from './scheduler-bridge.ts';
import { untilOrLate } from './until-or-late.ts';

/** Scheduler steps a case may take by default; the largest scenario case takes a few hundred. */
export const DEFAULT_MAX_STEPS = 20_000;
/** Event-loop turns to wait for actors to park before waiting for the bridge's change events. */
const EAGER_TURNS = 64;
/** Real milliseconds a case may stay unsettled before it is reported stalled. */
const STALL_MS = 20_000;

export interface DriveOptions {
  /** Names of the actors that have neither finished nor crashed. */
  live: () => readonly string[];
  maxSteps?: number;
  /** Real milliseconds before an unsettled case is reported stalled (default STALL_MS). */
  stallMs?: number;
}

export async function driveSchedule(
  scheduler: CaseScheduler,
  bridge: SchedulerBridge,
  options: DriveOptions,
): Promise<void> {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  for (;;) {
    await settle(scheduler, bridge, options.live, options.stallMs ?? STALL_MS);
    if (options.live().length === 0) return;
    if (bridge.steps >= maxSteps)
      throw new CaseCutShort(
        'step-bound',
        `the case took ${bridge.steps} scheduler steps without ending (bound ${maxSteps})`,
        bridge.pending(),
      );
    await scheduler.waitOne();
  }
}

/** Wait until the bridge is idle, every live actor is parked and something can be released. */
async function settle(
  scheduler: CaseScheduler,
  bridge: SchedulerBridge,
  live: () => readonly string[],
  stallMs: number,
): Promise<void> {
  // Every actor parked with nothing scheduled means all wait on Postgres locks: only Postgres
  // can move (breaking a deadlock), so keep waiting for that.
  const settled = () => {
    const actors = live();
    return actors.length === 0 || (actors.every((actor) => bridge.isParked(actor)) && scheduler.count() > 0);
  };
  for (let turns = 0; turns < EAGER_TURNS; turns++) {
    await bridge.idle();
    if (settled()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // Still moving: an actor awaits something outside the gates. What parks or ends it is a
  // change the bridge announces; look again at each one, and only then, until the bound.
  await bridge.idle();
  const outcome = await untilOrLate(
    async () => {
      await bridge.changed();
      await bridge.idle();
    },
    settled,
    stallMs,
  );
  if (outcome === 'done') return;
  const moving = live().filter((actor) => !bridge.isParked(actor));
  throw new CaseCutShort(
    'stalled',
    moving.length > 0
      ? `the case stalled: ${moving.join(', ')} neither reached a gate nor finished`
      : 'the case stalled: every live actor waits on a Postgres lock that nothing will release',
    bridge.pending(),
  );
}
