/**
 * Decides, for each I/O operation of a run, whether a fault from the plan fires there.
 * Draws come from the run's `faults` rng stream, in the order the scheduler releases
 * operations, so the same seed and path inject the same faults at the same points.
 * `heal()` turns every fault off for the heal phase.
 */
import type { Rng } from '../rng/rng.ts';
import type { FaultKind } from '../../fakes/fault-kinds.ts';
import type { FaultPlan } from './fault-plan.ts';

export interface InjectedFault {
  kind: FaultKind;
  actor: string;
  operation: string;
}

export class FaultInjector {
  readonly plan: FaultPlan;
  readonly #rng: Rng;
  #healed = false;
  readonly injected: InjectedFault[] = [];

  constructor(plan: FaultPlan, rng: Rng) {
    this.plan = plan;
    this.#rng = rng;
  }

  get healed(): boolean {
    return this.#healed;
  }

  heal(): void {
    this.#healed = true;
  }

  /** Which of `candidates` fires for this operation, if any (at most one per operation). */
  decide<K extends FaultKind>(candidates: readonly K[], actor: string, operation: string): K | undefined {
    if (this.#healed) return undefined;
    for (const kind of candidates) {
      const rate = this.plan.rates[kind];
      if (rate === undefined || rate <= 0) continue;
      if (kind === 'crash' && this.plan.crashable && !this.plan.crashable.includes(actor)) continue;
      if (this.#rng.chance(rate)) {
        this.injected.push({ kind, actor, operation });
        return kind;
      }
    }
    return undefined;
  }

  /** A latency in ms from the plan's range (for `http-latency`). */
  latency(): number {
    const range = this.plan.latencyMs ?? { min: 1, max: 1_000 };
    return this.#rng.int(range.min, range.max);
  }
}
