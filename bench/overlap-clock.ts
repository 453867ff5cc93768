/**
 * Simulated time for a benchmark where many requests are in flight at once, so that their
 * latencies overlap the way they would on a network instead of adding up.
 *
 * Every wait on simulated time is a timer: the round trip the Stream fake holds each answer for
 * (`hold`, given to the fake as its roundTrip sleep), a pacing slot or a 429 back-off (`sleep`,
 * the audit's Clock). Real work is wrapped in `track` by the benchmark: an SDK request from
 * leaving the client to its answer arriving back, a Postgres statement, a pool checkout.
 * Time moves in one way only: when no tracked work is in progress (a request parked in `hold`
 * counts as waiting, not working), a macrotask later (every microtask chain that the last
 * event woke has reached its next wait by then), the clock jumps to the earliest timer and
 * wakes every timer due at that instant, in the order they were set.
 *
 * So real work takes no simulated time, and nothing waits on simulated time that it would not
 * wait on for real. K requests that reach the fake at instant t are K timers due at
 * t + latency: one jump wakes all of them, and the clock has moved by the latency once, not K
 * times. With the audit's pacing, the K streams take slots 60000/R ms apart; a stream
 * whose answer is back asks for the next free slot, so with enough streams every slot is used
 * and the listing ends about (requests - 1) * 60000/R + latency after it began.
 *
 * The instants follow from who waits for what, not from how fast the machine ran the work; the
 * one thing real time can change is the order in which streams woken at the same instant take
 * their next slots (a stream with more pages left may get a later one), which moves the end by
 * a few slots at most.
 */
import type { Clock } from '../src/clock.ts';

interface Timer {
  at: number;
  seq: number;
  wake: () => void;
}

export class OverlapClock implements Clock {
  #now: number;
  #seq = 0;
  /** Ordered by (at, seq). Few at a time (one per stream), so a sorted array does. */
  readonly #timers: Timer[] = [];
  #busy = 0;
  #checkScheduled = false;
  /** Jumps made, for the report. */
  jumps = 0;

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#add(this.#now + Math.max(0, ms), resolve));
  }

  /**
   * A wait inside tracked work (the fake holding an answer): the work stops counting as busy
   * until the timer wakes it, and counts again from the instant it wakes.
   */
  hold(ms: number): Promise<void> {
    this.#leave();
    return new Promise((resolve) =>
      this.#add(this.#now + Math.max(0, ms), () => {
        this.#busy++;
        resolve();
      }),
    );
  }

  /** Real work: simulated time stands still until it is done. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#busy++;
    try {
      return await work();
    } finally {
      this.#leave();
    }
  }

  /** Between runs, with nothing pending: move to `instant` (e.g. the next rate-limit window). */
  advanceTo(instant: number): void {
    if (this.#busy !== 0 || this.#timers.length > 0) throw new Error('advanceTo while work or timers are pending');
    this.#now = Math.max(this.#now, instant);
  }

  #leave(): void {
    this.#busy--;
    if (this.#busy < 0) throw new Error('OverlapClock: more leaves than entries (untracked work held?)');
    this.#schedule();
  }

  #add(at: number, wake: () => void): void {
    const timer = { at, seq: this.#seq++, wake };
    let lo = 0;
    let hi = this.#timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.#timers[mid]!;
      if (other.at < at || (other.at === at && other.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.#timers.splice(lo, 0, timer);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#checkScheduled) return;
    this.#checkScheduled = true;
    setImmediate(() => {
      this.#checkScheduled = false;
      if (this.#busy > 0 || this.#timers.length === 0) return; // the next leave or timer checks again
      const at = this.#timers[0]!.at;
      this.#now = Math.max(this.#now, at);
      this.jumps++;
      const due: Timer[] = [];
      while (this.#timers.length > 0 && this.#timers[0]!.at === at) due.push(this.#timers.shift()!);
      for (const timer of due) timer.wake();
      this.#schedule();
    });
  }
}
