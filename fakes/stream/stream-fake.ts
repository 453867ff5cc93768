/**
 * One Stream Chat app as the fake sees it: credentials, the store, the app settings (where
 * webhooks go), the rate limiter and the simulated clock they share. Handlers (msw or the standalone server) serve a StreamFake; a
 * scenario reads and seeds its `store` directly.
 */
import { AppSettings } from './app-settings.ts';
import { RateLimiter } from './rate-limiter.ts';
import { StreamStore } from './stream-store.ts';

export interface StreamFakeOptions {
  apiKey: string;
  apiSecret: string;
  /** Simulated wall clock, ms since epoch. */
  now: () => number;
  /** Per-endpoint per-minute limits overriding the documented defaults (e.g. `{ QueryChannels: 5 }`). */
  rateLimits?: Readonly<Record<string, number>>;
  taskDurationMs?: number;
  /**
   * A fixed round trip on the simulated clock: every answer (errors included) is held `ms` by
   * `sleep` after the store has applied the request, which it does at arrival (so the rate
   * limit counts arrivals). Nothing is held by default. How requests in flight together
   * overlap is the clock's business: a clock whose sleep just moves time (SimClock outside the
   * scheduler) adds the round trips one after the other; a clock that wakes sleepers in
   * simulated-time order lets them overlap (bench/overlap-clock.ts).
   */
  roundTrip?: { readonly ms: number; readonly sleep: (ms: number) => Promise<void> };
}

export class StreamFake {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly now: () => number;
  readonly store: StreamStore;
  readonly app: AppSettings;
  readonly limiter: RateLimiter;
  readonly roundTrip: StreamFakeOptions['roundTrip'];

  constructor(options: StreamFakeOptions) {
    this.apiKey = options.apiKey;
    this.apiSecret = options.apiSecret;
    this.now = options.now;
    this.store = new StreamStore({
      now: options.now,
      ...(options.taskDurationMs === undefined ? {} : { taskDurationMs: options.taskDurationMs }),
    });
    // Hook ids come from the store's counter, so a replay names them the same.
    this.app = new AppSettings(options.now, () => this.store.nextUuid());
    this.limiter = new RateLimiter(options.now, options.rateLimits);
    this.roundTrip = options.roundTrip;
  }
}
