/**
 * Retry planning for the MotoPress client, as pure functions (no I/O, no clock, no randomness)
 * so a simulated run replays and each rule is tested on its own. What is transient comes from
 * §10 of the MotoPress reference: throttling and outages come from the WordPress HOST (nginx
 * 429/502, maintenance 503 with Retry-After, the fatal-error 500, a proxy's 504), plus dropped
 * connections (undici `TypeError('fetch failed')`) and our own timeout (DOMException
 * TimeoutError/AbortError). Everything else (401/403/other 4xx) is an answer, never retried.
 *
 * No jitter: jitter needs randomness, and one sync worker per hotel does not stampede.
 */

export interface BackoffPolicy {
  /** Wait after the first failed attempt. */
  baseMs: number;
  factor: number;
  /** Ceiling of the planned (exponential) wait. */
  capMs: number;
  /** Ceiling of any wait, including a server's Retry-After (maintenance says 600 s). */
  retryAfterCapMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, factor: 2, capMs: 30_000, retryAfterCapMs: 120_000 };

export const RETRYABLE_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.includes(status);
}

/** What fetch rejects with on connection trouble (a TypeError) or our timeout (a DOMException). */
export interface TransientError {
  name: unknown;
  message?: unknown;
  cause?: unknown;
}

/** A rejected fetch (or body read) worth another attempt: connection trouble or our timeout. */
export function isTransientError(error: unknown): error is TransientError {
  if (error instanceof TypeError) return true;
  if (typeof error !== 'object' || error === null || !('name' in error)) return false;
  return error.name === 'TimeoutError' || error.name === 'AbortError';
}

/** Planned wait after `failedAttempts` failures (1, 2, ...): base * factor^(n-1), capped. */
export function backoffDelayMs(failedAttempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  return Math.min(policy.capMs, policy.baseMs * policy.factor ** (n - 1));
}

/**
 * `Retry-After` in ms: delta-seconds, or an HTTP-date relative to `nowMs` (0 once it has passed).
 * Missing or malformed: undefined.
 */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The wait before the next attempt: max(Retry-After, planned), never above `retryAfterCapMs`. */
export function retryDelayMs(
  failedAttempts: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const planned = backoffDelayMs(failedAttempts, policy);
  return Math.min(policy.retryAfterCapMs, Math.max(retryAfterMs ?? 0, planned));
}

/** After `failedAttempts` failures out of `maxAttempts`: the wait before retrying, or undefined to give up. */
export function nextRetryDelayMs(
  failedAttempts: number,
  maxAttempts: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number | undefined {
  return failedAttempts >= maxAttempts ? undefined : retryDelayMs(failedAttempts, retryAfterMs, policy);
}
