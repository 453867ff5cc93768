/**
 * Replays a schedule written as departures from the default policy (decision-tracker.ts),
 * tolerantly: at each decision, a departure whose `after` is the task released last and whose
 * task is waiting is taken; a departure whose task does not exist (or is not waiting then) is
 * skipped; everywhere else, and past the last departure, the default policy decides. So a
 * schedule recorded before an edit to the code under test still replays what it can.
 */
import type { SchedulerAct, SchedulerReportItem } from 'fast-check';
import type { CaseScheduler } from './case-scheduler.ts';
import { DecisionTracker, type Departure } from './decision-tracker.ts';
import type { GateRequest } from './flight.ts';

interface Task {
  key: string;
  id: number;
  label: string;
  metadata: GateRequest;
  act: SchedulerAct;
  trigger: () => Promise<void>;
}

export class PolicyScheduler implements CaseScheduler {
  readonly #tracker = new DecisionTracker();
  readonly #departures: readonly Departure[];
  readonly #used = new Set<number>();
  #tasks: Task[] = [];
  readonly #released: SchedulerReportItem<GateRequest>[] = [];
  #lastId = 0;

  constructor(departures: readonly Departure[]) {
    this.#departures = departures;
  }

  schedule<T>(task: Promise<T>, label?: string, metadata?: GateRequest, customAct?: SchedulerAct): Promise<T> {
    if (!metadata) throw new Error('syncsim: every scheduled task carries its GateRequest');
    const key = this.#tracker.add(metadata);
    return new Promise<T>((resolve, reject) => {
      const entry: Task = {
        key,
        id: ++this.#lastId,
        label: label ?? '',
        metadata,
        act: customAct ?? ((f) => f()),
        trigger: () => {
          task.then(resolve, reject);
          return task.then(
            () => undefined,
            () => undefined,
          );
        },
      };
      this.#tasks.push(entry);
    });
  }

  async waitOne(customAct?: SchedulerAct): Promise<void> {
    const key = this.#choose();
    const index = this.#tasks.findIndex((task) => task.key === key);
    const [task] = this.#tasks.splice(index, 1);
    if (!task) throw new Error('syncsim: no task scheduled');
    this.#tracker.release(task.key);
    this.#released.push({
      status: 'resolved',
      schedulingType: 'promise',
      taskId: task.id,
      label: task.label,
      metadata: task.metadata,
    });
    const wait: SchedulerAct = customAct ?? ((f) => f());
    await wait(() => task.act(task.trigger));
  }

  count(): number {
    return this.#tasks.length;
  }

  report(): SchedulerReportItem<GateRequest>[] {
    return [...this.#released];
  }

  #choose(): string {
    const after = this.#tracker.after;
    const waiting = new Set(this.#tasks.map((task) => task.key));
    for (const [index, departure] of this.#departures.entries()) {
      if (this.#used.has(index) || departure.after !== after || !waiting.has(departure.task)) continue;
      this.#used.add(index);
      return departure.task;
    }
    const fallback = this.#tracker.defaultKey();
    if (fallback === undefined) throw new Error('syncsim: no task scheduled');
    return fallback;
  }
}
