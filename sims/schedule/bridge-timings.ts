/**
 * Where a case's scheduled time goes, for the overhead bench (issue 17): each released operation
 * is split into phases, summed per phase. The engine never reads a clock of its own (a run must
 * not depend on timing): a bench that wants these figures passes `now` (performance.now) and
 * collects them; without it the bridge measures nothing.
 */
export const BRIDGE_PHASES = [
  /** From the release to the operation's I/O starting: the gate's bookkeeping (history, fault and crash draws). */
  'gate',
  /** The I/O itself, until it completed or was found waiting on a lock (lock probes included). */
  'io-pg',
  'io-http',
  'io-other',
  /** The completed operation handed back, until its actor parks at its next gate or ends: the module's own code. */
  'actor',
  /** Blocked operations re-examined after a release that may have freed their locks. */
  'blocked',
  /** From the end of one release to the start of the next: the run settling and the scheduler choosing. */
  'scheduler',
] as const;

export type BridgePhase = (typeof BRIDGE_PHASES)[number];

export interface BridgeTimings {
  /** Milliseconds, from any origin. */
  now(): number;
  add(phase: BridgePhase, ms: number): void;
  /** A lock probe was sent (a round trip to Postgres): counted for the bench, never decided on. */
  probed?(): void;
}

/** A BridgeTimings that sums each phase and counts the probes. */
export function summedTimings(
  now: () => number,
): BridgeTimings & { readonly totals: Record<BridgePhase, number>; readonly probes: number } {
  const totals = Object.fromEntries(BRIDGE_PHASES.map((phase) => [phase, 0])) as Record<BridgePhase, number>;
  let probes = 0;
  return {
    now,
    totals,
    get probes() {
      return probes;
    },
    add(phase, ms) {
      totals[phase] += ms;
    },
    probed() {
      probes++;
    },
  };
}
