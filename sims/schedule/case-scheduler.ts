/**
 * What the engine needs from a scheduler: fast-check's `fc.scheduler()` (exploring) and the
 * PolicyScheduler (replaying a list of departures) both provide it.
 */
import type { Scheduler } from 'fast-check';
import type { GateRequest } from './flight.ts';

export type CaseScheduler = Pick<Scheduler<GateRequest>, 'schedule' | 'waitOne' | 'count' | 'report'>;
