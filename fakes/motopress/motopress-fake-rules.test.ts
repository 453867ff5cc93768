/**
 * Section 12 of ../shared/reference/motopress-api.md, one rule per test, driven through the real
 * global fetch against the msw handlers. Each test fails if the fake dropped its rule.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- JSON bodies are read loosely (fixtures J) */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET } from './motopress-fake.ts';
import { API, SITE, anonymous, arr, basic, call, fakeSite, smallHotel, type J } from './fixtures/motopress-site.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let site: ReturnType<typeof fakeSite>;
let hotel: ReturnType<typeof smallHotel>;
beforeEach(() => {
  site = fakeSite({
    keys: [
      { consumerKey: DEFAULT_CONSUMER_KEY, consumerSecret: DEFAULT_CONSUMER_SECRET, permission: 'read_write' },
      { consumerKey: 'ck_readonly', consumerSecret: 'cs_readonly', permission: 'read' },
      { consumerKey: 'ck_writeonly', consumerSecret: 'cs_writeonly', permission: 'write' },
    ],
  });
  hotel = smallHotel(site.store, site.clock);
  server.resetHandlers(...site.handlers);
});

const ids = (body: J) => arr(body).map((b) => Number(b.id));

describe('routes (12.1)', () => {
  it('answers rest_no_route 404 for unknown paths, unregistered methods and non-numeric ids', async () => {
    for (const [path, method] of [
      ['/nope', 'GET'],
      ['/bookings', 'DELETE'],
      ['/bookings/abc', 'GET'],
      ['/services', 'GET'],
    ] as const) {
      const { res, body } = await call(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(body).toEqual({
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      });
    }
  });

  it('strips a trailing slash and serves the namespace index', async () => {
    expect(ids((await call('/bookings/?per_page=100')).body)).toHaveLength(9);
    const { body } = await call('');
    expect(body.namespace).toBe('mphb/v1');
    expect(Object.keys(body.routes)).toContain('/mphb/v1/bookings');
  });

  it('rejects the ?rest_route= form with 401 even with a valid key (key auth needs /wp-json/mphb/)', async () => {
    const { res, body } = await call(
      `${SITE}/?rest_route=/mphb/v1/bookings&consumer_key=${DEFAULT_CONSUMER_KEY}&consumer_secret=${DEFAULT_CONSUMER_SECRET}`,
    );
    expect(res.status).toBe(401);
    expect(body.code).toBe('mphb_rest_cannot_view');
  });

  it('sends WordPress REST headers on every answer, errors included', async () => {
    for (const path of ['/bookings', '/nope']) {
      const { res } = await call(path);
      expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      expect(res.headers.get('x-robots-tag')).toBe('noindex');
      expect(res.headers.get('link')).toContain(`<${SITE}/wp-json/>; rel="https://api.w.org/"`);
    }
  });
});

describe('authentication (12.2)', () => {
  it('accepts Basic ck:cs and query consumer_key/consumer_secret, the query first', async () => {
    expect((await call('/bookings')).res.status).toBe(200);
    const query = `consumer_key=${DEFAULT_CONSUMER_KEY}&consumer_secret=${DEFAULT_CONSUMER_SECRET}`;
    expect((await anonymous(`/bookings?${query}`)).res.status).toBe(200);
    const both = await call(`/bookings?${query}`, { headers: basic(DEFAULT_CONSUMER_KEY, 'cs_wrong') });
    expect(both.res.status).toBe(200);
  });

  it('answers a wrong secret with 401 mphb_rest_authentication_error and the WWW-Authenticate challenge', async () => {
    for (const attempt of [
      call('/bookings', { headers: basic(DEFAULT_CONSUMER_KEY, 'cs_wrong') }),
      anonymous(`/bookings?consumer_key=${DEFAULT_CONSUMER_KEY}&consumer_secret=cs_wrong`),
    ]) {
      const { res, body } = await attempt;
      expect(res.status).toBe(401);
      expect(body).toEqual({
        code: 'mphb_rest_authentication_error',
        message: 'Consumer secret is invalid.',
        data: { status: 401 },
      });
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="MotoPress Hotel Booking API/);
    }
  });

  it('treats no credentials or an unknown key as no user: 401 mphb_rest_cannot_view', async () => {
    const none = await anonymous('/bookings');
    expect(none.res.status).toBe(401);
    expect(none.body).toEqual({
      code: 'mphb_rest_cannot_view',
      message: 'Sorry, you cannot list resources.',
      data: { status: 401 },
    });
    const unknown = await call('/accommodation_types', { headers: basic('ck_unknown', 'cs_x') });
    expect(unknown.res.status).toBe(401);
    expect(unknown.body.code).toBe('mphb_rest_cannot_view');
    // Credentials were offered (the plugin switched to basic_auth), so the 401 carries the challenge.
    expect(unknown.res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(none.res.headers.get('www-authenticate')).toBeNull();
    const item = await anonymous(`/bookings/${hotel.multi.id}`);
    expect(item.res.status).toBe(401);
    expect(item.body.message).toBe('Sorry, you cannot view this resource.');
  });

  it('checks existence before permission: an anonymous GET of a missing item is 404, not 401', async () => {
    const { res, body } = await anonymous('/bookings/99999');
    expect(res.status).toBe(404);
    expect(body).toEqual({ code: 'mphb_rest_invalid_mphb_booking_id', message: 'Invalid ID.', data: { status: 404 } });
  });

  it('refuses writes with a read-only key and reads with a write-only key', async () => {
    const write = await call(`/bookings/${hotel.byStatus[2]!.id}`, {
      method: 'POST',
      headers: { ...basic('ck_readonly', 'cs_readonly'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'confirmed' }),
    });
    expect(write.res.status).toBe(401);
    expect(write.body).toEqual({
      code: 'mphb_rest_authentication_error',
      message: 'The API key provided does not have write permissions.',
      data: { status: 401 },
    });
    expect(site.store.bookings.get(hotel.byStatus[2]!.id)!.status).toBe('pending');
    const read = await call('/bookings', { headers: basic('ck_writeonly', 'cs_writeonly') });
    expect(read.res.status).toBe(401);
    expect(read.body.message).toBe('The API key provided does not have read permissions.');
    expect((await call('/bookings', { headers: basic('ck_readonly', 'cs_readonly') })).res.status).toBe(200);
  });

  it('answers an unknown Basic user with WP invalid_username when Application Passwords are in use', async () => {
    site = fakeSite({ applicationPasswords: true });
    server.resetHandlers(...site.handlers);
    const { res, body } = await call('/bookings', { headers: basic('ck_unknown', 'cs_x') });
    expect(res.status).toBe(401);
    expect(body.code).toBe('invalid_username');
    expect(body.message).toBe('<strong>Error</strong>: Unknown username. Check again or try your email address.');
  });
});

describe('query params (12.3, 12.4)', () => {
  it('validates per_page 1..100 with the WP rest_invalid_param body, before the permission check', async () => {
    for (const value of ['0', '101', '500']) {
      const { res, body } = await anonymous(`/bookings?per_page=${value}`);
      expect(res.status).toBe(400);
      expect(body).toEqual({
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): per_page',
        data: {
          status: 400,
          params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
          details: {
            per_page: {
              code: 'rest_out_of_bounds',
              message: 'per_page must be between 1 (inclusive) and 100 (inclusive)',
              data: null,
            },
          },
        },
      });
    }
    expect((await call('/bookings?per_page=100')).res.status).toBe(200);
    expect((await call('/bookings?per_page=1')).res.status).toBe(200);
  });

  it('validates page, order, orderby and reports every bad param', async () => {
    expect((await call('/bookings?page=0')).body.data.params).toEqual({
      page: 'page must be greater than or equal to 1',
    });
    expect((await call('/bookings?per_page=ten')).body.data.params).toEqual({
      per_page: 'per_page is not of type integer.',
    });
    const { res, body } = await call('/bookings?order=up&orderby=price');
    expect(res.status).toBe(400);
    expect(body.message).toBe('Invalid parameter(s): order, orderby');
    expect(body.data.params).toEqual({
      order: 'order is not one of asc and desc.',
      orderby: 'orderby is not one of date, id, include, title, slug, and modified.',
    });
  });

  it('ignores unknown params, including status: ?status=confirmed lists all six statuses', async () => {
    const { res, body } = await call(
      '/bookings?status=confirmed&date_from=2026-01-01&modified_after=2026-01-01&accommodation_type_id=1&per_page=100',
    );
    expect(res.status).toBe(200);
    expect(new Set(arr(body).map((b) => String(b.status)))).toEqual(
      new Set(['pending-user', 'pending-payment', 'pending', 'abandoned', 'confirmed', 'cancelled']),
    );
  });

  it('filters by filter[post_status] (CSV) and hides trashed bookings by default', async () => {
    const { body } = await call('/bookings?filter[post_status]=confirmed,pending&per_page=100');
    expect(new Set(arr(body).map((b) => String(b.status)))).toEqual(new Set(['confirmed', 'pending']));
    site.store.trashBooking(hotel.byStatus[0]!.id);
    expect(ids((await call('/bookings?per_page=100')).body)).not.toContain(hotel.byStatus[0]!.id);
  });

  it('orders by date desc by default, and by id/title/modified/include on request', async () => {
    const all = [...hotel.byStatus, hotel.multi, hotel.imported, hotel.orphan].map((b) => b.id);
    expect(ids((await call('/bookings?per_page=100')).body)).toEqual([...all].reverse());
    expect(ids((await call('/bookings?per_page=100&orderby=id&order=asc')).body)).toEqual(
      [...all].sort((a, b) => a - b),
    );
    const include = [hotel.multi.id, hotel.byStatus[0]!.id, hotel.orphan.id];
    expect(ids((await call(`/bookings?include=${include.join(',')}&orderby=include`)).body)).toEqual(include);
    expect(arr((await call('/accommodations?orderby=title&order=asc')).body).map((u) => String(u.title))).toEqual([
      'Deluxe 1',
      'Private: Owner&#8217;s Deluxe &#8211; Annex',
      'Suite 1',
    ]);
    site.clock.advance(1_000);
    site.store.setBookingStatus(hotel.byStatus[1]!.id, 'abandoned');
    expect(ids((await call('/bookings?orderby=modified&per_page=1')).body)).toEqual([hotel.byStatus[1]!.id]);
  });

  it('breaks post_date ties by id so pages replay', async () => {
    const at = site.clock.now;
    const same = [0, 1, 2].map(
      (i) =>
        site.store.addBooking({
          status: 'confirmed',
          checkIn: `2026-07-0${1 + i * 2}`,
          checkOut: `2026-07-0${2 + i * 2}`,
          rooms: [{ accommodation: hotel.s1.id }],
          createdAt: at + 99_000_000,
        }).id,
    );
    expect(ids((await call('/bookings?per_page=3')).body)).toEqual(same);
  });

  it('supports include, exclude, search (bookings: exact meta value or id) and after/before on the creation date', async () => {
    expect(ids((await call(`/bookings?exclude=${hotel.multi.id}&per_page=100`)).body)).not.toContain(hotel.multi.id);
    expect(ids((await call(`/bookings?include=${hotel.multi.id},${hotel.orphan.id}`)).body).sort()).toEqual(
      [hotel.multi.id, hotel.orphan.id].sort(),
    );
    expect(ids((await call('/bookings?search=guest3@example.com')).body)).toEqual([hotel.byStatus[3]!.id]);
    expect(ids((await call('/bookings?search=guest3@example')).body)).toEqual([]);
    expect(ids((await call(`/bookings?search=${hotel.orphan.id}`)).body)).toEqual([hotel.orphan.id]);
    // Created at START + 1h..9h, site-local (UTC+1): after 12:30 local = after START + 2h.
    const after = ids((await call('/bookings?after=2026-03-01T12:30:00&per_page=100')).body);
    expect(after).toHaveLength(7);
    const before = ids((await call('/bookings?before=2026-03-01T12:30:01&per_page=100')).body);
    expect(before).toEqual([hotel.byStatus[1]!.id, hotel.byStatus[0]!.id]);
  });

  it('applies filter[meta_query] on _mphb_sync_id (exclude iCal imports) and mphb_check_in_date BETWEEN', async () => {
    const direct = ids(
      (
        await call(
          '/bookings?per_page=100&filter[meta_query][0][key]=_mphb_sync_id&filter[meta_query][0][compare]=NOT EXISTS',
        )
      ).body,
    );
    expect(direct).toHaveLength(8);
    expect(direct).not.toContain(hotel.imported.id);
    const april = ids(
      (
        await call(
          '/bookings?per_page=100&filter[meta_query][1][key]=mphb_check_in_date&filter[meta_query][1][compare]=BETWEEN&filter[meta_query][1][type]=DATE&filter[meta_query][1][value]=2026-04-04,2026-04-10',
        )
      ).body,
    );
    expect(april.sort()).toEqual(
      [hotel.byStatus[1]!.id, hotel.byStatus[2]!.id, hotel.byStatus[3]!.id, hotel.imported.id].sort(),
    );
  });
});

describe('pagination (12.5)', () => {
  it('sends X-WP-Total, X-WP-TotalPages and Link prev/next preserving every query param (credentials too)', async () => {
    const query = `consumer_key=${DEFAULT_CONSUMER_KEY}&consumer_secret=${DEFAULT_CONSUMER_SECRET}&per_page=4&orderby=id&order=asc`;
    const first = await anonymous(`/bookings?${query}`);
    expect(first.res.headers.get('x-wp-total')).toBe('9');
    expect(first.res.headers.get('x-wp-totalpages')).toBe('3');
    const link = first.res.headers.get('link')!;
    expect(link).toContain('rel="https://api.w.org/"');
    expect(link).not.toContain('rel="prev"');
    expect(link).toContain(`<${API}/bookings?${query}&page=2>; rel="next"`);
    const second = await anonymous(`/bookings?${query}&page=2`);
    expect(second.res.headers.get('link')).toContain(`<${API}/bookings?${query}&page=1>; rel="prev"`);
    expect(second.res.headers.get('link')).toContain(`<${API}/bookings?${query}&page=3>; rel="next"`);
    const last = await anonymous(`/bookings?${query}&page=3`);
    expect(ids(last.body)).toHaveLength(1);
    expect(last.res.headers.get('link')).not.toContain('rel="next"');
    const pages = [...ids(first.body), ...ids(second.body), ...ids(last.body)];
    expect(new Set(pages).size).toBe(9);
  });

  it('answers a page past the end with 200 [] and the real totals; an empty collection with 0/0', async () => {
    const { res, body } = await call('/bookings?per_page=4&page=7');
    expect(res.status).toBe(200);
    expect(body).toEqual([]);
    expect(res.headers.get('x-wp-total')).toBe('9');
    expect(res.headers.get('x-wp-totalpages')).toBe('3');
    expect(res.headers.get('link')).toContain('page=3>; rel="prev"');
    const empty = await call('/payments?filter[post_status]=mphb-p-refunded');
    expect(empty.body).toEqual([]);
    expect([empty.res.headers.get('x-wp-total'), empty.res.headers.get('x-wp-totalpages')]).toEqual(['0', '0']);
  });

  it('lets offset override page while the totals ignore it; an offset past the end reports 0', async () => {
    const byOffset = await call('/bookings?per_page=2&offset=3&page=4&orderby=id&order=asc');
    const all = ids((await call('/bookings?per_page=100&orderby=id&order=asc')).body);
    expect(ids(byOffset.body)).toEqual(all.slice(3, 5));
    expect(byOffset.res.headers.get('x-wp-total')).toBe('9');
    const past = await call('/bookings?offset=50');
    expect(past.body).toEqual([]);
    expect(past.res.headers.get('x-wp-total')).toBe('0');
  });
});

describe('shapes, _links and _embed (4, 5, 12.6, 12.7, 12.9)', () => {
  it('renders a booking with reserved_accommodations[].accommodation and the derived accommodation_type', async () => {
    const { body } = await call(`/bookings/${hotel.multi.id}`);
    expect(arr(body.reserved_accommodations).map((r) => [r.accommodation, r.accommodation_type, r.rate])).toEqual([
      [hotel.d1.id, hotel.deluxe.id, hotel.deluxeRate.id],
      [hotel.d2.id, hotel.deluxe.id, hotel.deluxeRate.id],
    ]);
    expect(body.date_created).toBe('2026-03-01T17:30:00');
    expect(body.date_created_utc).toBe('2026-03-01T16:30:00');
    expect(body.check_in_date).toBe('2026-05-01');
    expect(body.check_in_time).toBe('11:00:00');
    expect(body.total_price).toBe(600);
    expect(body.currency).toBe('EUR');
    expect(body.imported).toBe(false);
    expect(body.payments).toEqual([{ id: hotel.paid.id, status: 'completed', amount: 600, currency: 'EUR' }]);
    expect(String(body.key)).toMatch(new RegExp(`^booking_${hotel.multi.id}_[0-9a-f]{13}\\.\\d{8}$`));
  });

  it('reports the CURRENT site currency and global check-in time on every booking', async () => {
    site.store.settings.currency = 'USD';
    site.store.settings.checkInTime = '14:00:00';
    const { body } = await call('/bookings?per_page=100');
    expect(new Set(arr(body).map((b) => `${String(b.currency)} ${String(b.check_in_time)}`))).toEqual(
      new Set(['USD 14:00:00']),
    );
  });

  it('keeps a deleted unit id and falls back to the rate type, else 0 (iCal import)', async () => {
    const orphan = (await call(`/bookings/${hotel.orphan.id}`)).body;
    expect(orphan.reserved_accommodations[0]!.accommodation).toBe(hotel.annex.id);
    expect(orphan.reserved_accommodations[0]!.accommodation_type).toBe(hotel.suite.id);
    site.store.removeAccommodation(hotel.s1.id);
    const imported = (await call(`/bookings/${hotel.imported.id}`)).body;
    expect(imported.reserved_accommodations[0]!.accommodation_type).toBe(0);
    expect(imported._links.accommodation_type).toEqual([{ href: `${API}/accommodation_types/0`, embeddable: true }]);
  });

  it('renders iCal imports as confirmed, rate 0, empty customer, total 0, imported true', async () => {
    const { body } = await call(`/bookings/${hotel.imported.id}`);
    expect(body).toMatchObject({
      status: 'confirmed',
      total_price: 0,
      imported: true,
      ical_summary: 'Airbnb (Not available)',
      key: '',
    });
    expect(Object.values(body.customer).every((v) => v === '')).toBe(true);
    expect(body.reserved_accommodations[0]).toMatchObject({ rate: 0, accommodation_price_per_days: [], discount: 0 });
    expect(body._links.rate).toBeUndefined();
  });

  it('builds _links as arrays: one accommodation and accommodation_type per room (not de-duplicated), rates, payments', async () => {
    const { body } = await call(`/bookings/${hotel.multi.id}`);
    expect(body._links.self).toEqual([{ href: `${API}/bookings/${hotel.multi.id}` }]);
    expect(body._links.collection).toEqual([{ href: `${API}/bookings` }]);
    expect(body._links.accommodation).toEqual([
      { href: `${API}/accommodations/${hotel.d1.id}`, embeddable: true },
      { href: `${API}/accommodations/${hotel.d2.id}`, embeddable: true },
    ]);
    expect(body._links.accommodation_type).toEqual([
      { href: `${API}/accommodation_types/${hotel.deluxe.id}`, embeddable: true },
      { href: `${API}/accommodation_types/${hotel.deluxe.id}`, embeddable: true },
    ]);
    expect(body._links.payments).toEqual([{ href: `${API}/payments/${hotel.paid.id}`, embeddable: true }]);
    const pending = (await call(`/bookings/${hotel.byStatus[2]!.id}`)).body;
    expect(pending._links.payments).toEqual([{ href: `${API}/payments` }]);
    const unit = (await call(`/accommodations/${hotel.d1.id}`)).body;
    expect(unit._links.accommodation_type_id).toEqual([
      { href: `${API}/accommodation_types/${hotel.deluxe.id}`, embeddable: true },
    ]);
  });

  it('embeds with _embed (all, or a rel list) in context embed, with 404 error objects for missing targets', async () => {
    const all = (await call(`/bookings/${hotel.orphan.id}?_embed=1`)).body;
    expect(Object.keys(all._embedded).sort()).toEqual(['accommodation', 'accommodation_type', 'rate']);
    expect(all._embedded.accommodation).toEqual([
      { code: 'mphb_rest_invalid_mphb_room_id', message: 'Invalid ID.', data: { status: 404 } },
    ]);
    const type = all._embedded.accommodation_type[0]!;
    expect(type.id).toBe(hotel.suite.id);
    expect(type.status).toBeUndefined();
    expect(type.amenities).toEqual([]);
    const rate = all._embedded.rate[0]!;
    expect(rate.status).toBeUndefined();
    expect(rate._links.self).toBeDefined();
    const only = (await call(`/bookings?include=${hotel.multi.id}&_embed=accommodation`)).body[0]!;
    expect(Object.keys(only._embedded)).toEqual(['accommodation']);
    expect(arr(only._embedded.accommodation).map((u) => [u.id, u.accommodation_type_id, u.title])).toEqual([
      [hotel.d1.id, hotel.deluxe.id, 'Deluxe 1'],
      [hotel.d2.id, hotel.deluxe.id, 'Private: Owner&#8217;s Deluxe &#8211; Annex'],
    ]);
    expect((await call(`/bookings/${hotel.multi.id}`)).body._embedded).toBeUndefined();
  });

  it('filters unit titles (entities, "Private: ") but returns type titles raw', async () => {
    expect((await call(`/accommodations/${hotel.d2.id}`)).body.title).toBe(
      'Private: Owner&#8217;s Deluxe &#8211; Annex',
    );
    expect((await call(`/accommodation_types/${hotel.suite.id}`)).body.title).toBe('Garden Suite & Terrace');
    expect(ids((await call('/accommodations')).body)).toContain(hotel.d2.id);
  });

  it('answers missing items with the plugin error per post type', async () => {
    for (const [base, type] of [
      ['accommodations', 'mphb_room'],
      ['accommodation_types', 'mphb_room_type'],
      ['rates', 'mphb_rate'],
      ['payments', 'mphb_payment'],
    ]) {
      const { res, body } = await call(`/${base}/${hotel.annex.id}`);
      expect(res.status).toBe(404);
      expect(body.code).toBe(`mphb_rest_invalid_${type}_id`);
    }
  });
});

describe('writes as the vendor app does them', () => {
  it('changes a booking status with POST /bookings/{id}, validating the enum and refusing imported bookings', async () => {
    const id = hotel.byStatus[2]!.id;
    const post = (target: number, body: unknown) =>
      call(`/bookings/${target}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(id, { status: 'cancelled' })).body.status).toBe('cancelled');
    expect(site.store.bookings.get(id)!.status).toBe('cancelled');
    expect((await post(id, { status: 'done' })).body.code).toBe('rest_invalid_param');
    const imported = await post(hotel.imported.id, { status: 'cancelled' });
    expect(imported.res.status).toBe(400);
    expect(imported.body.code).toBe('mphb_rest_save_error');
    const missing = await post(99999, { status: 'cancelled' });
    expect([missing.res.status, missing.body.code]).toEqual([400, 'mphb_rest_mphb_booking_invalid_id']);
  });

  it('trashes with DELETE (gone from lists, 410 the second time) and hard-deletes with force=true', async () => {
    const id = hotel.byStatus[4]!.id;
    expect((await call(`/bookings/${id}`, { method: 'DELETE' })).body.status).toBe('trash');
    expect(ids((await call('/bookings?per_page=100')).body)).not.toContain(id);
    expect((await call(`/bookings/${id}`, { method: 'DELETE' })).res.status).toBe(410);
    const forced = await call(`/bookings/${hotel.multi.id}?force=true`, { method: 'DELETE' });
    expect(forced.body.deleted).toBe(true);
    expect(forced.body.previous.id).toBe(hotel.multi.id);
    expect(site.store.bookings.has(hotel.multi.id)).toBe(false);
    expect((await call(`/bookings/${hotel.multi.id}?force=true`, { method: 'DELETE' })).body.code).toBe(
      'mphb_rest_mphb_booking_invalid_id',
    );
  });

  it('says plainly which routes the fake does not implement (501), rather than pretending', async () => {
    const { res, body } = await call('/bookings', { method: 'POST', body: '{}' });
    expect(res.status).toBe(501);
    expect(body.code).toBe('syncsim_not_implemented');
  });
});
