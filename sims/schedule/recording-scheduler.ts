/**
 * Wraps any CaseScheduler and writes down each release by task key (decision-tracker.ts), so a
 * case explored by fast-check's random scheduler can be replayed, and minimised, as a list of
 * departures from the default policy.
 */
import type { SchedulerAct } from 'fast-check';
import type { CaseScheduler } from './case-scheduler.ts';
import { DecisionTracker } from './decision-tracker.ts';
import type { GateRequest } from './flight.ts';

export class RecordingScheduler implements CaseScheduler {
  readonly tracker = new DecisionTracker();
  readonly #inner: CaseScheduler;

  constructor(inner: CaseScheduler) {
    this.#inner = inner;
  }

  schedule<T>(task: Promise<T>, label?: string, metadata?: GateRequest, customAct?: SchedulerAct): Promise<T> {
    if (!metadata) throw new Error('syncsim: every scheduled task carries its GateRequest');
    const key = this.tracker.add(metadata);
    const act: SchedulerAct = customAct ?? ((f) => f());
    return this.#inner.schedule(task, label, metadata, (f) => {
      this.tracker.release(key);
      return act(f);
    });
  }

  waitOne(customAct?: SchedulerAct): Promise<void> {
    return this.#inner.waitOne(customAct);
  }

  count(): number {
    return this.#inner.count();
  }

  report(): ReturnType<CaseScheduler['report']> {
    return this.#inner.report();
  }
}
