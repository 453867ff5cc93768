/**
 * What a fake needs from the harness, declared here so fakes/ never imports sims/ (layering:
 * sims/ depends on fakes/, not the reverse). The engine's SchedulerBridge satisfies `IoGate`
 * and its FaultInjector satisfies `FaultSource`, structurally.
 *
 * Contract: a fake serves every request inside `gate.run(...)`, so the scheduler decides when
 * the request reaches the fake's store (schedule BEFORE the call), the history records it as
 * invoke -> ok | fail | info, and only one operation of the whole run is in flight at a time.
 */
import type { FaultKind } from './fault-kinds.ts';

/** The systems whose operations a run orders and records. */
export type System = 'pg' | 'stream' | 'motopress' | 'fs' | 'clock' | 'actor';

/** What an actor (or a fake on its behalf) asks the gate to run: the one definition, for fakes and engine. */
export interface GateRequest {
  actor: string;
  system: System;
  operation: string;
  args?: unknown;
  /** The operation ends a transaction or unlocks (COMMIT, ROLLBACK, pg_advisory_unlock...). */
  releasesLocks?: boolean;
  /** False when the statement cannot wait on another transaction's lock (see sims/pg/may-wait-on-lock.ts). */
  mayWaitOnLock?: boolean;
}

export interface IoGate {
  run<T>(
    request: GateRequest,
    start: () => Promise<T>,
    options?: { classify?: (error: unknown) => 'fail' | 'info'; summarize?: (value: T) => unknown },
  ): Promise<T>;
}

/** The run's fault plan as a fake sees it: which fault (if any) fires for this request. */
export interface FaultSource {
  /** Candidates come from the catalogue (fault-kinds.ts): a kind that is not there does not compile. */
  decide<K extends FaultKind>(candidates: readonly K[], actor: string, operation: string): K | undefined;
  /** Simulated latency in ms for a latency fault. */
  latency(): number;
}
