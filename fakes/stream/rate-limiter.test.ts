/**
 * Rate limits per endpoint on the simulated clock: X-RateLimit-* on every answer, 429 code 9
 * past the limit (store untouched), other endpoints unaffected, a new window after a minute.
 */
import { describe, expect, it } from 'vitest';
import { expectStreamError } from './fixtures/expect-stream-error.ts';
import { API_KEY, API_SECRET, fakeStreamApp, START } from './fixtures/fake-stream-app.ts';
import { RateLimiter } from './rate-limiter.ts';
import { DEFAULT_BASE_URL } from './stream-handlers.ts';
import { signServerToken } from './verify-server-token.ts';

describe('Stream rate limits', () => {
  it('answers 429 code 9 with Remaining 0 past the endpoint limit, per endpoint, and resets on the next simulated minute', async () => {
    await using app = fakeStreamApp({ rateLimits: { UpdateUsers: 2 } });
    await app.client.upsertUser({ id: 'a' });
    await app.client.upsertUser({ id: 'b' });
    const body = await expectStreamError(app.client.upsertUser({ id: 'c' }), {
      status: 429,
      code: 9,
      message: /^UpdateUsers failed with error: /,
    });
    expect(body.StatusCode).toBe(429);
    expect(app.fake.store.users.has('c')).toBe(false);
    const error = (await app.client.upsertUser({ id: 'c' }).catch((e: unknown) => e)) as {
      response: { headers: Record<string, string> };
    };
    const resetAt = (Math.floor(START / 60_000) + 1) * 60;
    expect(error.response.headers).toMatchObject({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(resetAt),
    });
    // Another endpoint has its own counter.
    expect((await app.client.queryUsers({ id: 'a' }, {})).users).toHaveLength(1);
    app.clock.advance(resetAt * 1000 - app.clock.now());
    await app.client.upsertUser({ id: 'c' });
    expect(app.fake.store.users.has('c')).toBe(true);
  });

  it('puts X-RateLimit-Limit/Remaining/Reset on successful answers too', async () => {
    await using _app = fakeStreamApp();
    const res = await fetch(`${DEFAULT_BASE_URL}/channels?api_key=${API_KEY}`, {
      method: 'POST',
      headers: {
        'stream-auth-type': 'jwt',
        Authorization: signServerToken(API_SECRET),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ filter_conditions: {} }),
    });
    expect(res.status).toBe(201);
    expect([res.headers.get('x-ratelimit-limit'), res.headers.get('x-ratelimit-remaining')]).toEqual(['10000', '9999']);
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(START / 1000);
  });

  it('counts fixed one-minute windows of the injected clock', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now, { X: 1 });
    expect(limiter.take('X').allowed).toBe(true);
    expect(limiter.take('X').allowed).toBe(false);
    now = 59_999;
    expect(limiter.take('X').allowed).toBe(false);
    now = 60_000;
    expect(limiter.take('X')).toMatchObject({ allowed: true, headers: { 'X-RateLimit-Reset': '120' } });
  });
});
