/**
 * What a fake needs from the harness, declared here so fakes/ never imports sims/ (layering:
 * sims/ depends on fakes/, not the reverse). The engine's SchedulerBridge satisfies `IoGate`
 * and its FaultInjector satisfies `FaultSource`, structurally.
 *
 * Contract: a fake serves every request inside `gate.run(...)`, so the scheduler decides when
 * the request reaches the fake's store (schedule BEFORE the call), the history records it as
 * invoke -> ok | fail | info, and only one operation of the whole run is in flight at a time.
 */
export interface GateRequest {
  actor: string;
  system: 'stream' | 'motopress' | 'fs';
  operation: string;
  args?: unknown;
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
  decide<K extends string>(candidates: readonly K[], actor: string, operation: string): K | undefined;
  /** Simulated latency in ms for a latency fault. */
  latency(): number;
}
