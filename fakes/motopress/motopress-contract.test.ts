/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument -- JSON bodies are read loosely (fixtures J) */
/**
 * Contract suite: the API rules a sync relies on, driven through plain fetch, against the fake
 * (always, as the standalone server) and against a real WordPress site with MotoPress Hotel
 * Booking when MOTOPRESS_URL, MOTOPRESS_KEY and MOTOPRESS_SECRET are set (HTTPS; a read key is
 * enough: every check is a read). Checks only what holds for any data set, so a failure against
 * the real site means the fake's model of MotoPress is wrong there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMotopress, type MotopressServer } from './serve-motopress.ts';
import type { J } from './fixtures/motopress-site.ts';

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
      if (total > 1)
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
      for (const b of body as J[]) {
        expect(b.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
        expect(b.check_in_date).toMatch(/^\d{4}-\d\d-\d\d$/);
        expect(typeof b.total_price).toBe('number');
        for (const r of b.reserved_accommodations as J[]) {
          expect(Number.isInteger(r.accommodation)).toBe(true);
          expect(Number.isInteger(r.accommodation_type)).toBe(true);
        }
        expect(Array.isArray(b._links.self)).toBe(true);
        expect(b._links.accommodation).toHaveLength(b.reserved_accommodations.length);
        if (b._embedded?.accommodation) expect(b._embedded.accommodation).toHaveLength(b._links.accommodation.length);
      }
    });

    it('shapes units with accommodation_type_id and an embeddable link to their type', async () => {
      const { body } = await get('/accommodations?per_page=5');
      for (const u of body as J[]) {
        expect(Number.isInteger(u.accommodation_type_id)).toBe(true);
        expect(u._links.accommodation_type_id[0].embeddable).toBe(true);
      }
    });
  });
}
