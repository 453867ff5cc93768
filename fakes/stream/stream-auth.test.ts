/**
 * Server auth: api_key in the query, `stream-auth-type: jwt` and a server JWT signed with the
 * app secret (verified with HMAC-SHA256). Anything else is 401 with Stream's error body, and
 * the store is not touched.
 */
import { describe, expect, it } from 'vitest';
import { expectStreamError } from './fixtures/expect-stream-error.ts';
import { API_KEY, API_SECRET, fakeStreamApp } from './fixtures/fake-stream-app.ts';
import { DEFAULT_BASE_URL } from './stream-handlers.ts';
import { signServerToken } from './verify-server-token.ts';

const raw = (path: string, headers: Record<string, string>, key = API_KEY) =>
  fetch(`${DEFAULT_BASE_URL}${path}?api_key=${key}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ users: { u1: { id: 'u1' } } }),
  });

describe('Stream auth', () => {
  it('accepts the JWT the real SDK signs with the app secret', async () => {
    await using app = fakeStreamApp();
    await app.client.upsertUser({ id: 'u1' });
    expect(app.fake.store.users.has('u1')).toBe(true);
  });

  it('a token signed with another secret is 401 code 5 and changes nothing', async () => {
    await using app = fakeStreamApp();
    await expectStreamError(app.clientWith(API_KEY, 'not-the-secret').upsertUser({ id: 'u1' }), {
      status: 401,
      code: 5,
      message: /^UpdateUsers failed with error: "JWT auth failed: signature is invalid"/,
    });
    expect(app.fake.store.users.size).toBe(0);
  });

  it('a missing token, a missing auth type or a non-server token is 401 code 5', async () => {
    await using app = fakeStreamApp();
    const token = signServerToken(API_SECRET);
    expect((await raw('/users', { 'stream-auth-type': 'jwt', Authorization: token })).status).toBe(201);
    const noToken = await raw('/users', { 'stream-auth-type': 'jwt' });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ code: 5, StatusCode: 401 });
    const noType = await raw('/users', { Authorization: token });
    expect(await noType.json()).toMatchObject({
      code: 5,
      message: 'UpdateUsers failed with error: "stream-auth-type missing or invalid"',
    });
    const userToken = app.client.createToken('u1');
    expect(await (await raw('/users', { 'stream-auth-type': 'jwt', Authorization: userToken })).json()).toMatchObject({
      code: 5,
    });
    const tampered = `${token.split('.').slice(0, 2).join('.')}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
    expect((await raw('/users', { 'stream-auth-type': 'jwt', Authorization: tampered })).status).toBe(401);
  });

  it('a wrong api_key is 401 code 2', async () => {
    await using app = fakeStreamApp();
    await expectStreamError(app.clientWith('other-key', API_SECRET).upsertUser({ id: 'u1' }), { status: 401, code: 2 });
    expect(app.fake.store.users.size).toBe(0);
  });
});
