/* eslint-disable @typescript-eslint/no-unsafe-member-access -- JSON bodies are read loosely (fixtures J) */
/**
 * The standalone server answers plain fetch over real HTTP on 127.0.0.1 with the same handling
 * as the msw handlers (auth, pagination, links pointing back at the server), ignores the
 * internal fault header, and stops idempotently (also through `await using`).
 */
import { describe, expect, it } from 'vitest';
import { serveMotopress } from './serve-motopress.ts';
import { FAULT_HEADER } from './motopress-handlers.ts';
import type { J } from './fixtures/motopress-site.ts';

const auth = (key: string, secret: string) => ({
  Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
});

describe('serveMotopress', () => {
  it('serves a seeded site to plain fetch, with Link headers pointing back at itself', async () => {
    await using server = await serveMotopress({ seed: 7, consumerKey: 'ck_test', consumerSecret: 'cs_test' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/wp-json/mphb/v1/bookings?per_page=2&orderby=id&order=asc`, {
      headers: auth('ck_test', 'cs_test'),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as J[];
    expect(body).toHaveLength(2);
    expect(Number(res.headers.get('x-wp-total'))).toBe(server.fake.store.bookings.size);
    expect(res.headers.get('link')).toContain(
      `<${server.url}/wp-json/mphb/v1/bookings?per_page=2&orderby=id&order=asc&page=2>; rel="next"`,
    );
    expect(res.headers.get('link')).toContain(`<${server.url}/wp-json/>; rel="https://api.w.org/"`);
    expect(body[0]._links.self[0].href).toBe(`${server.url}/wp-json/mphb/v1/bookings/${String(body[0].id)}`);
    expect(server.world!.bookingIdsByStatus.confirmed.length).toBeGreaterThan(0);
  });

  it('enforces auth, answers rest_no_route, and ignores the internal fault header', async () => {
    await using server = await serveMotopress({ seed: 1 });
    const anon = await fetch(`${server.url}/wp-json/mphb/v1/bookings`);
    expect([anon.status, ((await anon.json()) as J).code]).toEqual([401, 'mphb_rest_cannot_view']);
    const query = await fetch(
      `${server.url}/wp-json/mphb/v1/accommodations?consumer_key=${server.consumerKey}&consumer_secret=${server.consumerSecret}`,
    );
    expect(query.status).toBe(200);
    const faulted = await fetch(`${server.url}/wp-json/mphb/v1/bookings`, {
      headers: { ...auth(server.consumerKey, server.consumerSecret), [FAULT_HEADER]: 'http-503' },
    });
    expect(faulted.status).toBe(200);
    const missing = await fetch(`${server.url}/wp-json/mphb/v1/nope`, {
      headers: auth(server.consumerKey, server.consumerSecret),
    });
    expect([missing.status, ((await missing.json()) as J).code]).toEqual([404, 'rest_no_route']);
  });

  it('accepts writes and stops idempotently', async () => {
    const server = await serveMotopress({ seed: 2 });
    const id = server.world!.bookingIdsByStatus.pending[0]!;
    const res = await fetch(`${server.url}/wp-json/mphb/v1/bookings/${id}`, {
      method: 'POST',
      headers: { ...auth(server.consumerKey, server.consumerSecret), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'cancelled' }),
    });
    expect(((await res.json()) as J).status).toBe('cancelled');
    expect(server.fake.store.bookings.get(id)!.status).toBe('cancelled');
    await Promise.all([server.stop(), server.stop()]);
    await server.stop();
    await expect(fetch(`${server.url}/wp-json/mphb/v1/bookings`)).rejects.toThrow();
  });
});
