/**
 * The MotoPress handlers' own router (fakes/direct-route.ts) answers exactly what msw's matching
 * of the same handlers answers, for every request it claims; it declines (undefined) the ones
 * msw matches only loosely (case, trailing slash) or not at all. Also for WordPress in a
 * subdirectory, whose REST paths start below the site's path.
 */
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { directRouteOf } from '../direct-route.ts';
import { basic, fakeSite, smallHotel } from './fixtures/motopress-site.ts';
import { motopressHandlers } from './motopress-handlers.ts';

async function both(handlers: ReturnType<typeof motopressHandlers>, url: string, init: RequestInit = {}) {
  const route = directRouteOf(handlers[0]!)!;
  const direct = route.answer(new Request(url, init), new URL(url));
  const viaMsw = await getResponse(handlers, new Request(url, init));
  return { direct: direct === undefined ? undefined : await direct, viaMsw };
}

async function described(response: Response | undefined) {
  return response && { status: response.status, headers: [...response.headers], body: await response.text() };
}

describe('motopress handlers: their router answers as msw routes', () => {
  for (const site of ['https://hotel.fake', 'https://example.fake/hotel']) {
    it.each([
      ['a collection with Basic auth', '/wp-json/mphb/v1/bookings?per_page=2', basic()],
      ['an item', '/wp-json/mphb/v1/accommodation_types/1', basic()],
      ['no credentials', '/wp-json/mphb/v1/bookings', {}],
      ['an unknown route', '/wp-json/mphb/v1/nothing', basic()],
      ['the namespace index', '/wp-json/', {}],
      ['plain permalinks', '/?rest_route=/mphb/v1/bookings', basic()],
      ['index.php', '/index.php?rest_route=/mphb/v1/rates', basic()],
      ['the front page', '/', {}],
    ])(`${site}: %s`, async (_, path, headers) => {
      const { fake, clock } = fakeSite();
      smallHotel(fake.store, clock);
      const handlers = motopressHandlers(fake, site);
      const { direct, viaMsw } = await both(handlers, `${site}${path}`, { headers });
      expect(direct).toBeDefined();
      expect(await described(direct)).toEqual(await described(viaMsw));
    });
  }

  it('serves a subdirectory site its REST routes (not rest_no_route)', async () => {
    const { fake, clock } = fakeSite();
    smallHotel(fake.store, clock);
    const site = 'https://example.fake/hotel';
    const { direct, viaMsw } = await both(motopressHandlers(fake, site), `${site}/wp-json/mphb/v1/bookings`, {
      headers: basic(),
    });
    expect(viaMsw?.status).toBe(200);
    expect(direct?.status).toBe(200);
  });

  it.each([
    ['another case of the path', '/WP-JSON/mphb/v1/bookings'],
    ['a trailing slash', '/index.php/'],
    ['no slash after wp-json', '/wp-json'],
    ['a path no handler serves', '/feed'],
  ])('declines %s (msw decides)', (_, path) => {
    const { fake } = fakeSite();
    const route = directRouteOf(motopressHandlers(fake, 'https://hotel.fake')[0]!)!;
    const url = `https://hotel.fake${path}`;
    expect(route.answer(new Request(url), new URL(url))).toBeUndefined();
  });
});
