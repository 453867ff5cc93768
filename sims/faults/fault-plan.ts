/**
 * A fault plan is plain data: which fault kinds are active in this run and how often each
 * fires per eligible operation. Swarm testing (TigerBeetle's options_swarm): every run draws
 * WHICH kinds are active and their rates, as a fast-check arbitrary, so the mix is part of the
 * generated input and shrinks with it (towards fewer kinds and lower rates).
 */
import * as fc from 'fast-check';
import type { FaultKind } from '../../fakes/fault-kinds.ts';

export interface FaultPlan {
  /** Probability, per eligible operation, that each active kind fires. */
  rates: Partial<Record<FaultKind, number>>;
  /** Extra simulated latency range for `http-latency`, in milliseconds. */
  latencyMs?: { min: number; max: number };
  /** Actors a crash may hit (default: any chaos actor). */
  crashable?: readonly string[];
  /**
   * Faults at exact points instead of at a rate: `kind` fires the `at`-th time (1-based) the gate
   * asks whether it fires for `actor` (for `crash`: the actor's at-th operation; for an HTTP kind:
   * its at-th request). A sweep over every point of a run (crash before step k, a lost response
   * at write k) is a loop over `at`, with no randomness to draw.
   */
  script?: readonly ScriptedFault[];
}

export interface ScriptedFault {
  readonly kind: FaultKind;
  readonly actor: string;
  readonly at: number;
}

export const NO_FAULTS: FaultPlan = { rates: {} };

export interface SwarmOptions {
  /** Highest per-operation rate a kind may get (default 0.3). */
  maxRate?: number;
  crashable?: readonly string[];
}

/** A fault plan over `kinds`: any subset active, each with its own rate. */
export function swarmFaultPlan(kinds: readonly FaultKind[], options: SwarmOptions = {}): fc.Arbitrary<FaultPlan> {
  const maxRate = options.maxRate ?? 0.3;
  const rate = fc.integer({ min: 1, max: Math.round(maxRate * 100) }).map((percent) => percent / 100);
  return fc
    .record({
      active: fc.subarray([...kinds]),
      rates: fc.tuple(...kinds.map(() => rate)),
      latency: fc.integer({ min: 10, max: 5_000 }),
    })
    .map(({ active, rates, latency }) => {
      const plan: FaultPlan = { rates: {} };
      kinds.forEach((kind, i) => {
        if (active.includes(kind)) plan.rates[kind] = rates[i];
      });
      if (active.includes('http-latency')) plan.latencyMs = { min: 1, max: latency };
      if (options.crashable) plan.crashable = options.crashable;
      return plan;
    });
}

/** The active kinds of a plan, in catalogue order: what reports print. */
export function describeFaultPlan(plan: FaultPlan): string {
  const active = Object.entries(plan.rates).map(([kind, rate]) => `${kind}@${Math.round((rate ?? 0) * 100)}%`);
  for (const fault of plan.script ?? []) active.push(`${fault.kind} ${fault.actor}#${fault.at}`);
  return active.length === 0 ? 'no faults' : active.join(', ');
}
