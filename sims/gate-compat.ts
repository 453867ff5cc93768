/**
 * Compile-time proof that the engine satisfies the interfaces fakes/ declare for it
 * (fakes/io-gate.ts): if the bridge or the injector drift, typecheck fails here.
 */
import type { FaultSource, IoGate } from '../fakes/io-gate.ts';
import type { FaultInjector } from './faults/fault-injector.ts';
import type { SchedulerBridge } from './schedule/scheduler-bridge.ts';

export const bridgeIsIoGate = (bridge: SchedulerBridge): IoGate => bridge;
export const injectorIsFaultSource = (injector: FaultInjector): FaultSource => injector;
