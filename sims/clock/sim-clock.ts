import type { Clock } from '../../src/clock.ts';

/**
 * Simulated time. It only moves when the engine moves it: each released I/O step advances it
 * by the step's simulated latency, and a sleep is a scheduled task that jumps it forward.
 * Nothing here reads the wall clock, so a replay sees the same instants.
 */
export class SimClock implements Clock {
  #now: number;
  readonly start: number;

  constructor(startMs: number) {
    this.start = startMs;
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Milliseconds since the run started: what reports print. */
  elapsed(): number {
    return this.#now - this.start;
  }

  advance(ms: number): void {
    if (ms < 0 || !Number.isFinite(ms)) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.#now += ms;
  }

  advanceTo(instant: number): void {
    if (instant > this.#now) this.#now = instant;
  }

  /**
   * Outside the race (world building) a sleep just moves time. Actors get the bridge's sleep
   * instead, a scheduled operation, so the scheduler orders their wake-ups.
   */
  sleep(ms: number): Promise<void> {
    this.advance(ms);
    return Promise.resolve();
  }
}
