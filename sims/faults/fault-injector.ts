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
  /** How many times each (actor, kind) was asked about, for the plan's scripted faults. */
  readonly #asked = new Map<string, number>();

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
    const scripted = this.#scripted(candidates, actor);
    if (scripted !== undefined) {
      this.injected.push({ kind: scripted, actor, operation });
      return scripted;
    }
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

  /** The scripted fault due at this ask, if any; counts the ask either way (no rng draw). */
  #scripted<K extends FaultKind>(candidates: readonly K[], actor: string): K | undefined {
    const script = this.plan.script;
    if (!script || script.length === 0) return undefined;
    let due: K | undefined;
    for (const kind of candidates) {
      const key = `${actor}\u0000${kind}`;
      const count = (this.#asked.get(key) ?? 0) + 1;
      this.#asked.set(key, count);
      if (due === undefined && script.some((f) => f.kind === kind && f.actor === actor && f.at === count)) due = kind;
    }
    return due;
  }

  /** A latency in ms from the plan's range (for `http-latency`). */
  latency(): number {
    const range = this.plan.latencyMs ?? { min: 1, max: 1_000 };
    return this.#rng.int(range.min, range.max);
  }
}
