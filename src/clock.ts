/**
 * Time as src/ modules see it. Production passes `systemClock`; the simulation passes its
 * simulated clock, so timeouts and timestamps are part of the replayable run.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Wait `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}
