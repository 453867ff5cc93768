/**
 * Stream's per-endpoint rate limits on the SIMULATED clock: fixed one-minute windows, counted
 * per endpoint (server platform only, since the fake serves server-side clients). Every answer
 * carries X-RateLimit-Limit/Remaining/Reset (Reset in Unix seconds); past the limit the request
 * is refused with 429 code 9 and Remaining 0, without touching the store.
 * Defaults are the documented self-serve limits; batch delete and get task are not documented,
 * so they get the 60/min tier here (an assumption); delete users gets ~6/min as the Go SDK's
 * test observed.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, number>> = {
  GetOrCreateChannel: 10_000,
  QueryChannels: 10_000,
  SendMessage: 1_000,
  QueryUsers: 1_000,
  UpdateChannel: 300,
  UpdateChannelPartial: 300,
  UpdateUsers: 300,
  UpdateUsersPartial: 300,
  DeleteChannel: 60,
  TruncateChannel: 60,
  DeleteUser: 60,
  DeleteChannels: 60,
  DeleteUsers: 6,
  GetTask: 60,
  GetApp: 10_000,
  UpdateApp: 60,
};

/** Stream's rate-limit window: one minute, on the simulated clock. */
export const RATE_LIMIT_WINDOW_MS = 60_000;
const WINDOW_MS = RATE_LIMIT_WINDOW_MS;

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  readonly #limits: Record<string, number>;
  readonly #now: () => number;
  readonly #used = new Map<string, { window: number; count: number }>();

  constructor(now: () => number, overrides: Readonly<Record<string, number>> = {}) {
    this.#now = now;
    this.#limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  }

  /** The requests `endpoint` allows per window. */
  limitOf(endpoint: string): number {
    return this.#limits[endpoint] ?? 1_000;
  }

  /**
   * Tighter (or looser) limits from now on, e.g. a world small enough that the documented ones
   * never bind (a migration's pacing is then checked against limits that do).
   */
  override(limits: Readonly<Record<string, number>>): void {
    Object.assign(this.#limits, limits);
  }

  /** Count one request to `endpoint` and say whether it may proceed. */
  take(endpoint: string): RateLimitVerdict {
    const limit = this.limitOf(endpoint);
    const window = Math.floor(this.#now() / WINDOW_MS);
    const used = this.#used.get(endpoint);
    const count = used && used.window === window ? used.count : 0;
    const allowed = count < limit;
    if (allowed) this.#used.set(endpoint, { window, count: count + 1 });
    const remaining = allowed ? limit - count - 1 : 0;
    return {
      allowed,
      headers: {
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(remaining),
        'X-RateLimit-Reset': String(((window + 1) * WINDOW_MS) / 1000),
      },
    };
  }
}
