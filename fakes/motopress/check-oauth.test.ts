/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- JSON bodies are read loosely (fixtures J) */
/**
 * OAuth 1.0a as the plugin checks it, request by request through the same `answerMotopress` the
 * msw handlers and the standalone server use, on a site at http://127.0.0.1:4200 (a non-default
 * port, which is part of what is signed). Requests are signed by oauth-1.0a with chosen
 * timestamps and nonces, and the site's clock is a number the test moves, so every window edge
 * is exact. Each error is the plugin's code and message, with no WWW-Authenticate header.
 */
import { describe, expect, it } from 'vitest';
import { buildMotopressWorld } from './build-motopress-world.ts';
import { signOauth, type SignOptions } from './fixtures/oauth-clients.ts';
import type { J } from './fixtures/motopress-site.ts';
import { MotopressFake, type MotopressFakeOptions } from './motopress-fake.ts';
import { answerMotopress } from './motopress-handlers.ts';

const SITE = 'http://127.0.0.1:4200';
const API = `${SITE}/wp-json/mphb/v1`;
const T0 = Date.parse('2026-03-01T09:30:00Z');
const NOW = T0 / 1000;
const KEY = 'ck_oauth';
const SECRET = 'cs_oauth';
const READ_KEY = 'ck_read';

function hotel(options: Partial<MotopressFakeOptions> = {}, site = SITE) {
  const clock = { now: T0 };
  const fake = new MotopressFake({
    now: () => clock.now,
    keys: [
      { consumerKey: KEY, consumerSecret: SECRET, permission: 'read_write' },
      { consumerKey: READ_KEY, consumerSecret: SECRET, permission: 'read' },
    ],
    ...options,
  });
  const world = buildMotopressWorld(fake.store, { seed: 3 });
  const send = async (url: string, init: RequestInit = {}) => {
    const request = new Request(url, init);
    const path = new URL(url).pathname.replace(/^\/wp-json/, '');
    const res = await answerMotopress(fake, request, site, path, true);
    return { status: res.status, body: (await res.json()) as J, headers: res.headers };
  };
  return { fake, clock, world, send };
}

type Sign = Partial<Omit<SignOptions, 'url'>>;
const defaults = { method: 'GET', key: KEY, secret: SECRET, timestamp: NOW, nonce: 'nonce-1' };

/** The URL with its OAuth parameters added to the query, as the WooCommerce client sends them. */
function signedUrl(url: string, sign: Sign = {}, tamper: Record<string, string> = {}): string {
  const { params } = signOauth({ ...defaults, ...sign, url });
  const signed = new URL(url);
  for (const [name, value] of Object.entries({ ...params, ...tamper })) signed.searchParams.set(name, value);
  return signed.toString();
}

const refused = (code: string, message: string) => ({ code, message, data: { status: 401 } });
const authError = (message: string) => refused('mphb_rest_authentication_error', message);

describe('OAuth 1.0a on the MotoPress fake', () => {
  it('accepts HMAC-SHA1 in the query, HMAC-SHA256 in an Authorization header, and oauth_* in a form body', async () => {
    const { send, fake, world } = hotel();
    const inQuery = await send(signedUrl(`${API}/bookings?per_page=2&orderby=id&order=asc`));
    expect(inQuery.status).toBe(200);
    expect(inQuery.body).toHaveLength(2);

    const url = `${API}/accommodation_types?per_page=1`;
    const { header } = signOauth({ ...defaults, url, signatureMethod: 'HMAC-SHA256', nonce: 'nonce-2' });
    expect(header).toMatch(/^OAuth oauth_consumer_key="ck_oauth", .*oauth_signature_method="HMAC-SHA256"/);
    const inHeader = await send(url, { headers: { Authorization: header } });
    expect([inHeader.status, inHeader.headers.get('x-wp-total')]).toEqual([
      200,
      String(fake.store.accommodationTypes.size),
    ]);

    const id = world.bookingIdsByStatus.pending[0]!;
    const bookingUrl = `${API}/bookings/${id}`;
    const data = { status: 'cancelled' };
    const { params } = signOauth({ ...defaults, url: bookingUrl, method: 'POST', data, nonce: 'nonce-3' });
    const inBody = await send(bookingUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...data, ...params }).toString(),
    });
    expect([inBody.status, inBody.body.status]).toEqual([200, 'cancelled']);
    expect(fake.store.bookings.get(id)!.status).toBe('cancelled');
  });

  it('signs body parameters: a form field changed after signing is refused', async () => {
    const { send, world, fake } = hotel();
    const id = world.bookingIdsByStatus.pending[0]!;
    const url = `${API}/bookings/${id}`;
    const { params } = signOauth({ ...defaults, url, method: 'POST', data: { status: 'confirmed' } });
    const res = await send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ status: 'cancelled', ...params }).toString(),
    });
    expect([res.status, res.body]).toEqual([401, authError('Invalid signature - provided signature does not match.')]);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(fake.store.bookings.get(id)!.status).toBe('pending');
  });

  it('names missing OAuth parameters in the plugin order ("" and "0" count as missing)', async () => {
    const { send } = hotel();
    const some = await send(`${API}/bookings?oauth_consumer_key=${KEY}&oauth_nonce=0`);
    expect([some.status, some.body]).toEqual([
      401,
      refused(
        'mphb_rest_authentication_missing_parameter',
        'Missing OAuth parameters oauth_timestamp, oauth_nonce, oauth_signature, oauth_signature_method',
      ),
    ]);
    const one = await send(signedUrl(`${API}/bookings`, {}, { oauth_nonce: '' }));
    expect(one.body).toEqual(
      refused('mphb_rest_authentication_missing_parameter', 'Missing OAuth parameter oauth_nonce'),
    );
    expect(one.headers.get('www-authenticate')).toBeNull();
  });

  it('refuses an unknown key, a wrong secret and an unknown signature method with the plugin messages', async () => {
    const { send } = hotel();
    const unknown = await send(signedUrl(`${API}/bookings`, { key: 'ck_nobody' }));
    expect([unknown.status, unknown.body]).toEqual([401, authError('Consumer key is invalid.')]);
    const wrong = await send(signedUrl(`${API}/bookings`, { secret: 'cs_wrong' }));
    expect([wrong.status, wrong.body]).toEqual([
      401,
      authError('Invalid signature - provided signature does not match.'),
    ]);
    const method = await send(signedUrl(`${API}/bookings`, {}, { oauth_signature_method: 'PLAINTEXT' }));
    expect(method.body).toEqual(authError('Invalid signature - signature method is invalid.'));
    expect([unknown, wrong, method].map((r) => r.headers.get('www-authenticate'))).toEqual([null, null, null]);
  });

  it('signs the scheme, host and port of the site: a signature for another base URL is refused', async () => {
    const { send } = hotel();
    const { params } = signOauth({ ...defaults, url: 'https://127.0.0.1:4200/wp-json/mphb/v1/bookings' });
    const otherScheme = await send(`${API}/bookings?${new URLSearchParams(params).toString()}`);
    expect(otherScheme.body).toEqual(authError('Invalid signature - provided signature does not match.'));
    const noPort = signOauth({ ...defaults, url: 'http://127.0.0.1/wp-json/mphb/v1/bookings', nonce: 'nonce-2' });
    const otherPort = await send(`${API}/bookings?${new URLSearchParams(noPort.params).toString()}`);
    expect(otherPort.body).toEqual(authError('Invalid signature - provided signature does not match.'));
  });

  it('accepts a timestamp up to 15 minutes either side of the site clock and refuses one second more', async () => {
    const { send } = hotel();
    const at = async (timestamp: number, nonce: string) =>
      (await send(signedUrl(`${API}/bookings?per_page=1`, { nonce, timestamp }))).status;

    expect(await at(NOW - 900, 'a')).toBe(200);
    expect(await at(NOW + 900, 'b')).toBe(200);
    const stale = await send(signedUrl(`${API}/bookings`, { timestamp: NOW - 901, nonce: 'c' }));
    expect([stale.status, stale.body]).toEqual([401, authError('Invalid timestamp.')]);
    const future = await send(signedUrl(`${API}/bookings`, { timestamp: NOW + 901, nonce: 'd' }));
    expect(future.body).toEqual(authError('Invalid timestamp.'));
    expect(future.headers.get('www-authenticate')).toBeNull();
  });

  it('compares timestamps as PHP 8 does: a numeric string with spaces counts, words do not', async () => {
    const { send } = hotel();
    const padded = await send(signedUrl(`${API}/bookings?per_page=1`, { timestamp: ` ${NOW} `, nonce: 'a' }));
    expect(padded.status).toBe(200);
    const words = await send(signedUrl(`${API}/bookings`, { timestamp: 'soon', nonce: 'b' }));
    expect([words.status, words.body]).toEqual([401, authError('Invalid timestamp.')]);
  });

  it('refuses a replayed nonce, also under a new timestamp, until 15 minutes have passed', async () => {
    const { send, clock } = hotel();
    const url = signedUrl(`${API}/bookings?per_page=1`, { nonce: 'once' });
    expect((await send(url)).status).toBe(200);
    const replay = await send(url);
    expect([replay.status, replay.body]).toEqual([401, authError('Invalid nonce - nonce has already been used.')]);
    const reused = await send(signedUrl(`${API}/bookings?per_page=1`, { nonce: 'once', timestamp: NOW + 1 }));
    expect(reused.body).toEqual(authError('Invalid nonce - nonce has already been used.'));

    clock.now += 16 * 60_000;
    const later = NOW + 16 * 60;
    // The plugin prunes expired nonces when it stores a new one.
    expect((await send(signedUrl(`${API}/bookings?per_page=1`, { nonce: 'other', timestamp: later }))).status).toBe(
      200,
    );
    expect((await send(signedUrl(`${API}/bookings?per_page=1`, { nonce: 'once', timestamp: later }))).status).toBe(200);
  });

  it("keeps one nonce per timestamp, as the plugin's array does: a later request in the same second frees the earlier nonce", async () => {
    const { send } = hotel();
    const first = signedUrl(`${API}/bookings?per_page=1`, { nonce: 'first' });
    expect((await send(first)).status).toBe(200);
    expect((await send(signedUrl(`${API}/bookings?per_page=2`, { nonce: 'second' }))).status).toBe(200);
    expect((await send(first)).status).toBe(200);
  });

  it('checks key permissions after OAuth: a read key cannot write, without a WWW-Authenticate header', async () => {
    const { send, world } = hotel();
    const url = `${API}/bookings/${world.bookingIdsByStatus.pending[0]!}`;
    const { params } = signOauth({ ...defaults, key: READ_KEY, url, method: 'POST' });
    const res = await send(`${url}?${new URLSearchParams(params).toString()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'cancelled' }),
    });
    expect([res.status, res.body]).toEqual([401, authError('The API key provided does not have write permissions.')]);
    expect(res.headers.get('www-authenticate')).toBeNull();
  });

  it('keeps a wrong Basic secret as the error even when OAuth then succeeds (the plugin keeps the first error)', async () => {
    const { send } = hotel();
    const basic = `Basic ${Buffer.from(`${KEY}:cs_wrong`).toString('base64')}`;
    const res = await send(signedUrl(`${API}/bookings`), { headers: { Authorization: basic } });
    expect([res.status, res.body]).toEqual([401, authError('Consumer secret is invalid.')]);
  });
});

describe('strictHttps: key auth over HTTPS only, as the plugin', () => {
  const basic = { Authorization: `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}` };

  it('ignores Basic and query keys on plain HTTP (no user: mphb_rest_cannot_view, no challenge) but takes OAuth', async () => {
    const { send } = hotel({ strictHttps: true });
    const viaBasic = await send(`${API}/bookings`, { headers: basic });
    expect([viaBasic.status, viaBasic.body.code, viaBasic.headers.get('www-authenticate')]).toEqual([
      401,
      'mphb_rest_cannot_view',
      null,
    ]);
    const viaQuery = await send(`${API}/bookings?consumer_key=${KEY}&consumer_secret=${SECRET}`);
    expect([viaQuery.status, viaQuery.body.code]).toEqual([401, 'mphb_rest_cannot_view']);
    const wrongSecret = await send(`${API}/bookings?consumer_key=${KEY}&consumer_secret=cs_wrong`);
    expect(wrongSecret.body.code).toBe('mphb_rest_cannot_view');
    expect((await send(signedUrl(`${API}/bookings`))).status).toBe(200);
  });

  it('takes Basic, and OAuth too, over HTTPS', async () => {
    const { send } = hotel({ strictHttps: true }, 'https://hotel.fake');
    expect((await send('https://hotel.fake/wp-json/mphb/v1/bookings', { headers: basic })).status).toBe(200);
    const signed = signedUrl('https://hotel.fake/wp-json/mphb/v1/bookings');
    expect((await send(signed)).status).toBe(200);
  });

  it('is off by default: Basic works on plain HTTP, as the standalone server has always allowed', async () => {
    const { send } = hotel();
    expect((await send(`${API}/bookings`, { headers: basic })).status).toBe(200);
  });
});
