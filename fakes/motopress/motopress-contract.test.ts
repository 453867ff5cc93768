/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument -- JSON bodies are read loosely (fixtures J) */
/**
 * Contract suite: the API rules a sync relies on, driven through plain fetch, against the fake
 * (always, as the standalone server) and against a real WordPress site with MotoPress Hotel
 * Booking when MOTOPRESS_URL, MOTOPRESS_KEY and MOTOPRESS_SECRET are set (HTTPS; a read key is
 * enough: every check is a read). Checks only what holds for any data set with at least two
 * bookings and a booked unit, so a failure against the real site means the fake's model of
 * MotoPress is wrong there; a check finding no data fails rather than passing vacuously.
 *
 * Then the same standalone fake through a client nobody here wrote: the WooCommerce REST API JS
 * client, which over http:// signs every request with OAuth 1.0a, the way integrators reach a
 * MotoPress site on plain HTTP. Its server runs with strictHttps, so only a valid signature gets in.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveMotopress, type MotopressServer } from './serve-motopress.ts';
import type { J } from './fixtures/motopress-site.ts';
import { answer, wooClient, type MphbClient } from './fixtures/oauth-clients.ts';

interface Target {
  name: string;
  setup(): Promise<{ url: string; key: string; secret: string; stop(): Promise<void> }>;
}

const fakeTarget: Target = {
  name: 'the fake',
  async setup() {
    const server: MotopressServer = await serveMotopress({ seed: 11 });
    return { url: server.url, key: server.consumerKey, secret: server.consumerSecret, stop: () => server.stop() };
  },
};

const realUrl = process.env.MOTOPRESS_URL;
const realKey = process.env.MOTOPRESS_KEY;
const realSecret = process.env.MOTOPRESS_SECRET;
const realTarget: Target = {
  name: 'a real MotoPress site',
  setup: () =>
    Promise.resolve({
      url: realUrl!.replace(/\/+$/, ''),
      key: realKey!,
      secret: realSecret!,
      stop: () => Promise.resolve(),
    }),
};

contract(fakeTarget, false);
contract(
  realTarget,
  !(realUrl && realKey && realSecret),
  'skipped: MOTOPRESS_URL, MOTOPRESS_KEY and MOTOPRESS_SECRET are not set',
);

function contract(target: Target, skip: boolean, reason = ''): void {
  describe.skipIf(skip)(`MotoPress contract against ${target.name}${skip ? ` (${reason})` : ''}`, () => {
    let t: Awaited<ReturnType<Target['setup']>>;
    const api = (path: string) => `${t.url}/wp-json/mphb/v1${path}`;
    const basic = (secret = t.secret) => ({
      Authorization: `Basic ${Buffer.from(`${t.key}:${secret}`).toString('base64')}`,
    });
    const get = async (path: string, headers: Record<string, string> = basic()) => {
      const res = await fetch(api(path), { headers, signal: AbortSignal.timeout(30_000) });
      const body = (await res.json()) as J;
      return { res, body };
    };

    beforeAll(async () => {
      t = await target.setup();
    });
    afterAll(() => t?.stop());

    it('lists with X-WP-Total, X-WP-TotalPages = ceil(total / per_page) and the api.w.org Link', async () => {
      const { res, body } = await get('/accommodation_types?per_page=2');
      expect(res.status).toBe(200);
      expect(Array.isArray(body)).toBe(true);
      const total = Number(res.headers.get('x-wp-total'));
      expect(Number(res.headers.get('x-wp-totalpages'))).toBe(Math.ceil(total / 2));
      expect(res.headers.get('link')).toContain('rel="https://api.w.org/"');
    });

    it('links prev/next keeping the query, and answers a page past the end with 200 []', async () => {
      const first = await get('/bookings?per_page=1&orderby=id&order=asc');
      const total = Number(first.res.headers.get('x-wp-total'));
      expect(total).toBeGreaterThan(1);
      expect(first.res.headers.get('link')).toMatch(/per_page=1&orderby=id&order=asc&page=2>; rel="next"/);
      const past = await get(`/bookings?per_page=1&page=${total + 5}`);
      expect(past.res.status).toBe(200);
      expect(past.body).toEqual([]);
      expect(Number(past.res.headers.get('x-wp-total'))).toBe(total);
      expect(past.res.headers.get('link')).toContain('rel="prev"');
    });

    it('rejects per_page outside 1..100 with rest_invalid_param', async () => {
      const { res, body } = await get('/bookings?per_page=101');
      expect(res.status).toBe(400);
      expect(body.code).toBe('rest_invalid_param');
      expect(body.data.params.per_page).toBe('per_page must be between 1 (inclusive) and 100 (inclusive)');
    });

    it('ignores unknown params such as status', async () => {
      const plain = await get('/bookings?per_page=1');
      const filtered = await get('/bookings?per_page=1&status=confirmed&date_from=2000-01-01');
      expect(filtered.res.headers.get('x-wp-total')).toBe(plain.res.headers.get('x-wp-total'));
    });

    it('answers unknown routes and non-numeric ids with rest_no_route, missing items with the plugin 404', async () => {
      expect((await get('/no-such-route')).body.code).toBe('rest_no_route');
      expect((await get('/bookings/abc')).body.code).toBe('rest_no_route');
      const missing = await get('/bookings/2147483000');
      expect([missing.res.status, missing.body.code]).toEqual([404, 'mphb_rest_invalid_mphb_booking_id']);
    });

    it('distinguishes a wrong secret from no credentials, and accepts query-string keys', async () => {
      const wrong = await get('/bookings', basic('cs_definitely_wrong'));
      expect([wrong.res.status, wrong.body.code]).toEqual([401, 'mphb_rest_authentication_error']);
      const none = await get('/bookings', {});
      expect([none.res.status, none.body.code]).toEqual([401, 'mphb_rest_cannot_view']);
      const query = await get(`/bookings?per_page=1&consumer_key=${t.key}&consumer_secret=${t.secret}`, {});
      expect(query.res.status).toBe(200);
    });

    it('shapes bookings: reserved_accommodations with accommodation/accommodation_type, offset-free dates, _links arrays, _embed aligned', async () => {
      const { body } = await get('/bookings?per_page=5&_embed=accommodation');
      const bookings = body as J[];
      expect(bookings.length).toBeGreaterThan(0);
      for (const b of bookings) {
        expect(b.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
        expect(b.check_in_date).toMatch(/^\d{4}-\d\d-\d\d$/);
        expect(typeof b.total_price).toBe('number');
        for (const r of b.reserved_accommodations as J[]) {
          expect(Number.isInteger(r.accommodation)).toBe(true);
          expect(Number.isInteger(r.accommodation_type)).toBe(true);
        }
        expect(Array.isArray(b._links.self)).toBe(true);
        expect(b._links.accommodation).toHaveLength(b.reserved_accommodations.length);
      }
      // Every booking with a room embeds one entry per link: the unit, or the 404 error of a deleted one.
      const booked = bookings.filter((b) => b.reserved_accommodations.length > 0);
      expect(booked.length).toBeGreaterThan(0);
      for (const b of booked) {
        const embedded = b._embedded.accommodation as J[];
        expect(embedded).toHaveLength(b._links.accommodation.length);
        const rooms = (b.reserved_accommodations as J[]).map((r) => r.accommodation as number);
        const aligned = embedded.map(
          (unit, i) => unit.id === rooms[i] || unit.code === 'mphb_rest_invalid_mphb_room_id',
        );
        expect(aligned).toEqual(rooms.map(() => true));
      }
    });

    it('shapes units with accommodation_type_id and an embeddable link to their type', async () => {
      const { body } = await get('/accommodations?per_page=5');
      expect((body as J[]).length).toBeGreaterThan(0);
      for (const u of body as J[]) {
        expect(Number.isInteger(u.accommodation_type_id)).toBe(true);
        expect(u._links.accommodation_type_id[0].embeddable).toBe(true);
      }
    });
  });
}

describe('the WooCommerce REST API JS client over http:// (OAuth 1.0a) against the standalone fake', () => {
  // The client stamps each request from Date. Faking Date only (timers and I/O stay real) pins its
  // timestamps to T, the fake's OAuth clock, so the window edges are exact and nothing is timed.
  const T = Date.parse('2026-03-01T09:30:00Z');
  let server: MotopressServer;
  let client: MphbClient;
  const bodyOf = (a: { body: unknown }): J => a.body as J;

  beforeAll(async () => {
    server = await serveMotopress({ seed: 11, strictHttps: true, oauthClock: () => T });
    client = wooClient(server.url, server.consumerKey, server.consumerSecret);
  });
  afterAll(() => server?.stop());
  beforeEach(() => void vi.useFakeTimers({ toFake: ['Date'], now: T }));
  afterEach(() => void vi.useRealTimers());

  it('gets in only by signing: the same server refuses Basic on plain HTTP (strictHttps)', async () => {
    const basic = `Basic ${Buffer.from(`${server.consumerKey}:${server.consumerSecret}`).toString('base64')}`;
    const res = await fetch(`${server.url}/wp-json/mphb/v1/bookings`, { headers: { Authorization: basic } });
    expect([res.status, ((await res.json()) as J).code]).toEqual([401, 'mphb_rest_cannot_view']);
    const signed = await answer(client.get('bookings', { per_page: 1 }));
    expect(signed.status).toBe(200);
    expect(signed.sentUrl).toMatch(/oauth_signature_method=HMAC-SHA256/);
  });

  it.each(['accommodation_types', 'accommodations', 'bookings'])(
    'lists %s with X-WP-Total, X-WP-TotalPages and a next Link',
    async (endpoint) => {
      const page = await answer(client.get(endpoint, { per_page: 2, orderby: 'id', order: 'asc' }));
      expect(page.status).toBe(200);
      expect(page.body).toHaveLength(2);
      const total = Number(page.headers['x-wp-total']);
      expect(total).toBeGreaterThan(2);
      expect(Number(page.headers['x-wp-totalpages'])).toBe(Math.ceil(total / 2));
      expect(page.headers.link).toContain(`<${server.url}/wp-json/mphb/v1/${endpoint}?`);
      expect(page.headers.link).toMatch(/page=2>; rel="next"/);
    },
  );

  it('gets a single booking, and answers a missing one with the plugin 404', async () => {
    const list = await answer(client.get('bookings', { per_page: 1 }));
    const id = Number((list.body as J[])[0]?.id);
    expect(Number.isInteger(id)).toBe(true);
    const one = await answer(client.get(`bookings/${id}`));
    expect([one.status, bodyOf(one).id]).toEqual([200, id]);
    const missing = await answer(client.get('bookings/2147483000'));
    expect([missing.status, missing.body]).toEqual([
      404,
      { code: 'mphb_rest_invalid_mphb_booking_id', message: 'Invalid ID.', data: { status: 404 } },
    ]);
  });

  it('embeds the units of bookings with _embed', async () => {
    const page = await answer(client.get('bookings', { per_page: 5, _embed: 'accommodation' }));
    const booked = (page.body as J[]).filter((b) => b.reserved_accommodations.length > 0);
    expect(booked.length).toBeGreaterThan(0);
    // Each room embeds its unit, or the plugin's 404 when the unit was deleted after booking.
    const units = server.fake.store.accommodations;
    for (const b of booked) {
      const rooms = (b.reserved_accommodations as J[]).map((r) => r.accommodation as number);
      const expected = rooms.map((id) => (units.has(id) ? id : 'mphb_rest_invalid_mphb_room_id'));
      expect((b._embedded.accommodation as J[]).map((u) => (u.id ?? u.code) as unknown)).toEqual(expected);
    }
  });

  it('signs nested parameters as the plugin reads them: filter[post_status]', async () => {
    const statuses = ['confirmed', 'cancelled'];
    const page = await answer(client.get('bookings', { per_page: 1, filter: { post_status: statuses.join(',') } }));
    expect(page.sentUrl).toContain('filter[post_status]=confirmed%2Ccancelled');
    const expected = [...server.fake.store.bookings.values()].filter((b) => statuses.includes(b.status)).length;
    expect(expected).toBeGreaterThan(0);
    expect([page.status, Number(page.headers['x-wp-total'])]).toEqual([200, expected]);
  });

  it('refuses per_page=101 with rest_invalid_param, and answers a page past the end with 200 []', async () => {
    const tooMany = await answer(client.get('bookings', { per_page: 101 }));
    expect([tooMany.status, bodyOf(tooMany).code, bodyOf(tooMany).data.params]).toEqual([
      400,
      'rest_invalid_param',
      { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
    ]);
    const past = await answer(client.get('bookings', { per_page: 10, page: 99 }));
    expect([past.status, past.body]).toEqual([200, []]);
    expect(Number(past.headers['x-wp-total'])).toBe(server.fake.store.bookings.size);
    expect(past.headers.link).toContain('rel="prev"');
  });

  it('answers an unknown route with rest_no_route', async () => {
    const res = await answer(client.get('no-such-route'));
    expect([res.status, bodyOf(res).code]).toEqual([404, 'rest_no_route']);
  });

  it('refuses a wrong secret with the plugin signature error and no WWW-Authenticate', async () => {
    const wrong = wooClient(server.url, server.consumerKey, 'cs_wrong');
    const res = await answer(wrong.get('bookings'));
    expect([res.status, res.body]).toEqual([
      401,
      {
        code: 'mphb_rest_authentication_error',
        message: 'Invalid signature - provided signature does not match.',
        data: { status: 401 },
      },
    ]);
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('refuses a replayed request: the nonce has already been used', async () => {
    const first = await answer(client.get('bookings', { per_page: 1 }));
    expect(first.status).toBe(200);
    const replay = await fetch(first.sentUrl);
    expect([replay.status, await replay.json()]).toEqual([
      401,
      {
        code: 'mphb_rest_authentication_error',
        message: 'Invalid nonce - nonce has already been used.',
        data: { status: 401 },
      },
    ]);
  });

  it('refuses a client clock more than 15 minutes off, either way', async () => {
    const invalid = { code: 'mphb_rest_authentication_error', message: 'Invalid timestamp.', data: { status: 401 } };
    vi.setSystemTime(T - 16 * 60_000);
    const stale = await answer(client.get('bookings'));
    vi.setSystemTime(T + 16 * 60_000);
    const ahead = await answer(client.get('bookings'));
    vi.setSystemTime(T - 14 * 60_000);
    const skewed = await answer(client.get('bookings', { per_page: 1 }));
    expect([stale.status, stale.body, ahead.status, ahead.body, skewed.status]).toEqual([
      401,
      invalid,
      401,
      invalid,
      200,
    ]);
  });

  it('writes with a signed POST whose JSON body is not signed (only form bodies are)', async () => {
    const id = [...server.fake.store.bookings.values()].find((b) => b.status === 'pending')?.id;
    expect(id).toBeDefined();
    const res = await answer(client.post(`bookings/${id}`, { status: 'cancelled' }));
    expect([res.status, bodyOf(res).status]).toEqual([200, 'cancelled']);
    expect(server.fake.store.bookings.get(id!)!.status).toBe('cancelled');
  });
});
