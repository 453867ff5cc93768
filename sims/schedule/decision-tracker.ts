/**
 * Follows a case's scheduling decisions by task key (task-key.ts) and compares each with the
 * default policy, so any scheduler's choices can be written down as departures from it.
 *
 * Default policy (CHESS-style, non-preemptive): keep releasing the actor that ran last while it
 * has a task waiting (its oldest one); when it has none (it finished, or waits on a lock), the
 * runnable actor whose name sorts first (plain code-unit order), its oldest task. A release that
 * differs from that choice is a departure; their count is the case's preemption count.
 */
import type { GateRequest } from './flight.ts';
import { taskKey, taskKind } from './task-key.ts';

/** "After the task `after` was released (null: at the start), release `task`." */
export interface Departure {
  after: string | null;
  task: string;
}

/** One scheduling decision: what was waiting, what the policy would take, what was taken. */
export interface DecisionStep {
  after: string | null;
  pending: string[];
  default: string;
  chosen: string;
}

interface PendingTask {
  key: string;
  actor: string;
}

export class DecisionTracker {
  readonly steps: DecisionStep[] = [];
  readonly #counts = new Map<string, number>();
  #pending: PendingTask[] = [];
  #last: PendingTask | undefined;

  /** A task was scheduled: its key. */
  add(request: GateRequest): string {
    const kind = `${request.actor}\u0000${taskKind(request)}`;
    const nth = this.#counts.get(kind) ?? 0;
    this.#counts.set(kind, nth + 1);
    const key = taskKey(request.actor, taskKind(request), nth);
    this.#pending.push({ key, actor: request.actor });
    return key;
  }

  /** The key of the task released last (null before the first release). */
  get after(): string | null {
    return this.#last?.key ?? null;
  }

  pendingKeys(): string[] {
    return this.#pending.map((task) => task.key);
  }

  /** The default policy's choice among the waiting tasks (undefined when none waits). */
  defaultKey(): string | undefined {
    const current = this.#last && this.#pending.find((task) => task.actor === this.#last?.actor);
    if (current) return current.key;
    let first: PendingTask | undefined;
    for (const task of this.#pending) if (!first || task.actor < first.actor) first = task;
    return first?.key;
  }

  /** `key` is being released: record the decision. */
  release(key: string): void {
    const index = this.#pending.findIndex((task) => task.key === key);
    if (index < 0) throw new Error(`syncsim: released a task that was not waiting: ${key}`);
    const fallback = this.defaultKey() ?? key;
    this.steps.push({ after: this.after, pending: this.pendingKeys(), default: fallback, chosen: key });
    [this.#last] = this.#pending.splice(index, 1);
  }

  departures(): Departure[] {
    return departuresOf(this.steps);
  }
}

export function departuresOf(steps: readonly DecisionStep[]): Departure[] {
  return steps.filter((step) => step.chosen !== step.default).map((step) => ({ after: step.after, task: step.chosen }));
}
