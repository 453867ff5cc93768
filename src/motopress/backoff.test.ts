/**
 * The retry plan in numbers: the exponential schedule and its cap, Retry-After in both forms,
 * max(Retry-After, planned) under the 120 s ceiling, when to give up, and which failures count
 * as transient. Pure functions, so every expectation is an exact value.
 */
import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  DEFAULT_BACKOFF,
  isRetryableStatus,
  isTransientError,
  nextRetryDelayMs,
  parseRetryAfterMs,
  retryDelayMs,
} from './backoff.ts';

describe('backoffDelayMs', () => {
  it('doubles from 500 ms and stops at the 30 s cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelayMs(n))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffDelayMs(1000)).toBe(30_000);
  });

  it('follows a custom policy', () => {
    expect([1, 2, 3].map((n) => backoffDelayMs(n, { ...DEFAULT_BACKOFF, baseMs: 100, factor: 3, capMs: 500 }))).toEqual(
      [100, 300, 500],
    );
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-11-19T22:19:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('30', now)).toBe(30_000);
    expect(parseRetryAfterMs(' 600 ', now)).toBe(600_000);
    expect(parseRetryAfterMs('0', now)).toBe(0);
  });

  it('reads an HTTP-date relative to now, and 0 once it has passed', () => {
    expect(parseRetryAfterMs('Wed, 19 Nov 2025 22:19:45 GMT', now)).toBe(45_000);
    expect(parseRetryAfterMs('Wed, 19 Nov 2025 22:18:00 GMT', now)).toBe(0);
  });

  it('ignores missing or malformed values', () => {
    for (const value of [null, undefined, '', '-1', '1.5', 'soon', '12abc'])
      expect(parseRetryAfterMs(value, now), String(value)).toBeUndefined();
  });
});

describe('retryDelayMs / nextRetryDelayMs', () => {
  it('waits the larger of Retry-After and the plan, capped at 120 s', () => {
    expect(retryDelayMs(1, undefined)).toBe(500);
    expect(retryDelayMs(1, 30_000)).toBe(30_000);
    expect(retryDelayMs(3, 100)).toBe(2000);
    expect(retryDelayMs(1, 600_000)).toBe(120_000);
  });

  it('gives up after maxAttempts failures', () => {
    expect(nextRetryDelayMs(1, 3, undefined)).toBe(500);
    expect(nextRetryDelayMs(2, 3, 5000)).toBe(5000);
    expect(nextRetryDelayMs(3, 3, undefined)).toBeUndefined();
    expect(nextRetryDelayMs(1, 1, undefined)).toBeUndefined();
  });
});

describe('what is transient', () => {
  it('retries 429 and the 5xx a host sends, not 4xx or 501', () => {
    expect([400, 401, 403, 404, 408, 429, 500, 501, 502, 503, 504].filter(isRetryableStatus)).toEqual([
      429, 500, 502, 503, 504,
    ]);
  });

  it('retries fetch failures and timeouts, not other errors', () => {
    expect(isTransientError(new TypeError('fetch failed'))).toBe(true);
    expect(isTransientError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe(true);
    expect(isTransientError(new DOMException('This operation was aborted', 'AbortError'))).toBe(true);
    expect(isTransientError(new Error('boom'))).toBe(false);
    expect(isTransientError(new RangeError('bad'))).toBe(false);
    expect(isTransientError('fetch failed')).toBe(false);
    expect(isTransientError(null)).toBe(false);
  });
});
