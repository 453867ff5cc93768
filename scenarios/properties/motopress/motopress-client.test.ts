/**
 * MotopressClient against the real MotoPress fake over msw, so paging, auth and error bodies are
 * the plugin's, not hand-written stubs. A wrapper fetch records each request and injects what
 * the host would do (fault pages from hostFaultResponse, dropped connections, timeouts, the admin
 * editing posts between two page fetches); a fake clock records every backoff sleep.
 * It lives here, not beside the client in src/, because src/ may not import fakes/.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_CONSUMER_KEY,
  DEFAULT_CONSUMER_SECRET,
  FAULT_HEADER,
  hostFaultResponse,
  MotopressFake,
  motopressHandlers,
} from 'syncsim/fakes/motopress';
import type { Clock } from '../../../src/clock.ts';
import {
  MotopressClient,
  type FetchLike,
  type MotopressClientOptions,
} from '../../../src/motopress/motopress-client.ts';
import {
  MotopressAuthError,
  MotopressConfigError,
  MotopressError,
  MotopressProtocolError,
  MotopressRequestError,
  MotopressUnavailableError,
} from '../../../src/motopress/motopress-errors.ts';

const SITE = 'https://hotel.fake';
const API = `${SITE}/wp-json/mphb/v1`;
const NOW = Date.parse('2025-11-19T22:19:00Z');

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let fake: MotopressFake;
beforeEach(() => {
  fake = new MotopressFake({ now: () => NOW });
  server.resetHandlers(...motopressHandlers(fake, SITE));
});

interface Call {
  url: URL;
  init: RequestInit | undefined;
}
type Intercept = (call: Call, n: number) => Response | undefined | Promise<Response | undefined>;

/** A client whose fetch records calls, may answer or throw instead of the fake, and may act after it. */
function harness(
  options: Partial<MotopressClientOptions> & {
    intercept?: Intercept;
    after?: (call: Call, res: Response) => Response | void | Promise<Response>;
  } = {},
) {
  const calls: Call[] = [];
  const sleeps: number[] = [];
  let t = NOW;
  const clock: Clock = {
    now: () => t,
    sleep: (ms) => {
      sleeps.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
  const fetch: FetchLike = async (input, init) => {
    const call = {
      url: new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url),
      init,
    };
    calls.push(call);
    const injected = await options.intercept?.(call, calls.length);
    if (injected) return injected;
    const res = await globalThis.fetch(call.url, init);
    return (await options.after?.(call, res)) ?? res;
  };
  const { intercept: _i, after: _a, ...rest } = options;
  const client = new MotopressClient({
    baseUrl: SITE,
    consumerKey: DEFAULT_CONSUMER_KEY,
    consumerSecret: DEFAULT_CONSUMER_SECRET,
    fetch,
    clock,
    ...rest,
  });
  return { client, calls, sleeps, pages: () => calls.map((c) => Number(c.url.searchParams.get('page'))) };
}

/** Types 1..types, then `units` units (ids after the types) alternating over the types. */
function seed(types: number, units: number): number[] {
  const typeIds = Array.from(
    { length: types },
    (_, i) => fake.store.addAccommodationType({ title: `Type ${i + 1}` }).id,
  );
  return Array.from(
    { length: units },
    (_, i) => fake.store.addAccommodation({ accommodationTypeId: typeIds[i % types]!, title: `Room ${i + 1}` }).id,
  );
}

const withHeaders = (res: Response, edit: (h: Headers) => void): Response => {
  const headers = new Headers(res.headers);
  edit(headers);
  return new Response(res.body, { status: res.status, headers });
};

describe('listing', () => {
  it('pages with orderby=id&order=asc&per_page=N and returns every item in ascending id order', async () => {
    seed(3, 5);
    const { client, calls, pages } = harness({ perPage: 2 });
    expect(await client.listAccommodationTypes()).toEqual([
      { id: 1, title: 'Type 1', status: 'publish' },
      { id: 2, title: 'Type 2', status: 'publish' },
      { id: 3, title: 'Type 3', status: 'publish' },
    ]);
    expect(calls[0]!.url.href).toBe(`${API}/accommodation_types?orderby=id&order=asc&per_page=2&page=1`);
    expect(pages()).toEqual([1, 2]);
    const units = await client.listAccommodations();
    expect(units.map((u) => [u.id, u.accommodation_type_id, u.title])).toEqual([
      [4, 1, 'Room 1'],
      [5, 2, 'Room 2'],
      [6, 3, 'Room 3'],
      [7, 1, 'Room 4'],
      [8, 2, 'Room 5'],
    ]);
    expect(pages()).toEqual([1, 2, 1, 2, 3]);
  });

  it('returns bookings with the plugin field names, customer and reserved rooms', async () => {
    const [unit] = seed(1, 1);
    fake.store.addBooking({
      status: 'confirmed',
      checkIn: '2025-11-20',
      checkOut: '2025-11-23',
      rooms: [{ accommodation: unit! }],
      customer: { first_name: 'Ana', last_name: 'Ruiz', email: 'ana@example.com', phone: '+51 943 001 421' },
    });
    fake.store.importIcalEvent(unit!, {
      uid: 'abc@airbnb.com',
      checkIn: '2025-12-01',
      checkOut: '2025-12-04',
      summary: 'Airbnb (Not available)',
    });
    const { client } = harness();
    expect(await client.listBookings()).toEqual([
      {
        id: 3,
        status: 'confirmed',
        check_in_date: '2025-11-20',
        check_out_date: '2025-11-23',
        customer: { first_name: 'Ana', last_name: 'Ruiz', email: 'ana@example.com', phone: '+51 943 001 421' },
        reserved_accommodations: [{ accommodation: 2, accommodation_type: 1 }],
      },
      {
        id: 5,
        status: 'confirmed',
        check_in_date: '2025-12-01',
        check_out_date: '2025-12-04',
        customer: { first_name: '', last_name: '', email: '', phone: '' },
        reserved_accommodations: [{ accommodation: 2, accommodation_type: 1 }],
      },
    ]);
  });

  it('de-duplicates by id (first copy wins) and follows the latest X-WP-TotalPages when the admin edits mid-listing', async () => {
    const type = fake.store.addAccommodationType({ title: 'Suite' }).id;
    const unit = (title: string, status: 'publish' | 'draft' = 'publish') =>
      fake.store.addAccommodation({ accommodationTypeId: type, title, status }).id;
    const ids = [unit('A'), unit('B', 'draft'), unit('C'), unit('D'), unit('E'), unit('F')]; // 2..7, 3 is a draft
    const { client, pages } = harness({
      perPage: 2,
      after: (call) => {
        if (call.url.searchParams.get('page') !== '1') return;
        // After page 1 = [2, 4]: the admin publishes the draft (shifting 4 onto page 2), renames 4 and adds a unit.
        fake.store.updateAccommodation(ids[1]!, { status: 'publish' });
        fake.store.updateAccommodation(ids[2]!, { title: 'C renamed' });
        unit('G');
      },
    });
    const units = await client.listAccommodations();
    expect(units.map((u) => u.id)).toEqual([2, 4, 5, 6, 7, 8]);
    expect(units.find((u) => u.id === 4)!.title).toBe('C');
    expect(pages()).toEqual([1, 2, 3, 4]);
  });

  it('stops at an empty page even when X-WP-TotalPages says there are more', async () => {
    seed(1, 5);
    const { client, pages } = harness({
      perPage: 2,
      after: (_call, res) => withHeaders(res, (h) => h.set('X-WP-TotalPages', '99')),
    });
    expect((await client.listAccommodations()).map((u) => u.id)).toEqual([2, 3, 4, 5, 6]);
    expect(pages()).toEqual([1, 2, 3, 4]);
  });

  it('returns ascending ids even when a page arrives out of order', async () => {
    seed(1, 3);
    const { client } = harness({
      after: async (_c, res) =>
        new Response(JSON.stringify(((await res.json()) as unknown[]).reverse()), {
          status: res.status,
          headers: res.headers,
        }),
    });
    expect((await client.listAccommodations()).map((u) => u.id)).toEqual([2, 3, 4]);
  });

  it('without X-WP-TotalPages stops at the first short or empty page', async () => {
    seed(1, 4);
    const { client, pages } = harness({
      perPage: 2,
      after: (_call, res) => withHeaders(res, (h) => h.delete('X-WP-TotalPages')),
    });
    expect((await client.listAccommodations()).map((u) => u.id)).toEqual([2, 3, 4, 5]);
    expect(pages()).toEqual([1, 2, 3]);
    fake.store.addAccommodation({ accommodationTypeId: 1, title: 'Room 5' });
    expect((await client.listAccommodations()).map((u) => u.id)).toEqual([2, 3, 4, 5, 6]);
    expect(pages()).toEqual([1, 2, 3, 1, 2, 3]);
  });
});

describe('retries', () => {
  it('retries 503, 502 and 500 with exponential backoff, honouring Retry-After (capped at 120 s)', async () => {
    seed(1, 0);
    const faults = ['http-503', 'http-502', 'http-500'] as const;
    const { client, calls, sleeps } = harness({
      intercept: (_c, n) => (n <= faults.length ? hostFaultResponse(faults[n - 1]!) : undefined),
    });
    expect(await client.listAccommodationTypes()).toEqual([{ id: 1, title: 'Type 1', status: 'publish' }]);
    // 503 maintenance says Retry-After: 600 -> capped at 120 s; then the plan: 2nd wait 1000, 3rd 2000.
    expect(sleeps).toEqual([120_000, 1000, 2000]);
    expect(calls).toHaveLength(4);
  });

  it('waits at least Retry-After: 30 on a 429 and retries the same page, not the listing', async () => {
    seed(1, 5);
    let throttled = false;
    const { client, sleeps, pages } = harness({
      perPage: 2,
      intercept: (call) => {
        if (call.url.searchParams.get('page') !== '2' || throttled) return undefined;
        throttled = true;
        return hostFaultResponse('http-429', 30);
      },
    });
    expect((await client.listAccommodations()).map((u) => u.id)).toEqual([2, 3, 4, 5, 6]);
    expect(sleeps).toEqual([30_000]);
    expect(sleeps[0]).toBeGreaterThanOrEqual(30_000);
    expect(pages()).toEqual([1, 2, 2, 3]);
  });

  it("retries undici's TypeError('fetch failed') and a TimeoutError", async () => {
    seed(1, 1);
    const { client, calls, sleeps } = harness({
      intercept: (_c, n) => {
        if (n === 1)
          throw new TypeError('fetch failed', {
            cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
          });
        if (n === 2) throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
        return undefined;
      },
    });
    expect((await client.listAccommodations()).map((u) => u.id)).toEqual([2]);
    expect(sleeps).toEqual([500, 1000]);
    expect(calls).toHaveLength(3);
  });

  it('throws MotopressUnavailableError after maxAttempts, naming the request, the last status and the count', async () => {
    const { client, calls, sleeps } = harness({ maxAttempts: 3, intercept: () => hostFaultResponse('http-503') });
    const error = await client.listAccommodations().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MotopressUnavailableError);
    const e = error as MotopressUnavailableError;
    expect(e.kind).toBe('unavailable');
    expect([e.attempts, e.lastStatus]).toEqual([3, 503]);
    expect(e.message).toBe(
      `MotoPress unavailable for GET ${API}/accommodations?orderby=id&order=asc&per_page=100&page=1: HTTP 503 after 3 attempts`,
    );
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([120_000, 120_000]);
  });

  it('names the last error when every attempt was a dropped connection', async () => {
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
    const { client, sleeps } = harness({ maxAttempts: 2, intercept: () => Promise.reject(reset) });
    const error = await client.listBookings().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MotopressUnavailableError);
    expect((error as Error).message).toMatch(
      /\/bookings\?.*: TypeError: fetch failed \(ECONNRESET\) after 2 attempts$/,
    );
    expect((error as Error).cause).toBe(reset);
    expect(sleeps).toEqual([500]);
  });
});

describe('auth and request errors', () => {
  it('a wrong secret is a MotopressAuthError after exactly one request, with the WP code and message and no credentials', async () => {
    const wrong = `cs_${'00'.repeat(20)}`;
    const { client, calls, sleeps } = harness({ consumerSecret: wrong });
    const error = await client.listAccommodations().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MotopressAuthError);
    const e = error as MotopressAuthError;
    expect([e.kind, e.status, e.code]).toEqual(['auth', 401, 'mphb_rest_authentication_error']);
    expect(e.message).toContain('mphb_rest_authentication_error Consumer secret is invalid.');
    expect(e.message).not.toContain(wrong);
    expect(e.message).not.toContain(DEFAULT_CONSUMER_KEY);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('an unknown key is 401 mphb_rest_cannot_view, and a WAF 403 page is an auth error too; neither is retried', async () => {
    const unknown = harness({ consumerKey: 'ck_unknown' });
    await expect(unknown.client.listBookings()).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
      code: 'mphb_rest_cannot_view',
    });
    expect(unknown.calls).toHaveLength(1);
    const waf = harness({
      intercept: () =>
        new Response('<html><body>Forbidden</body></html>', { status: 403, headers: { 'Content-Type': 'text/html' } }),
    });
    await expect(waf.client.listBookings()).rejects.toMatchObject({ kind: 'auth', status: 403, code: undefined });
    expect(waf.calls).toHaveLength(1);
  });

  it('sends Basic auth, Accept JSON and a 30 s timeout signal by default', async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const { client, calls } = harness();
    await client.listAccommodationTypes();
    const headers = new Headers(calls[0]!.init?.headers);
    expect(headers.get('authorization')).toBe(
      `Basic ${Buffer.from(`${DEFAULT_CONSUMER_KEY}:${DEFAULT_CONSUMER_SECRET}`).toString('base64')}`,
    );
    expect(headers.get('accept')).toBe('application/json');
    expect(calls[0]!.init?.signal).toBeInstanceOf(AbortSignal);
    expect(timeout.mock.calls).toEqual([[30_000]]);
    await harness({ timeoutMs: 1234 }).client.listAccommodationTypes();
    expect(timeout.mock.calls.at(-1)).toEqual([1234]);
  });

  it('getAccommodation/getBooking: the post, undefined for a missing id, and an error (not undefined) for rest_no_route', async () => {
    const [unit] = seed(1, 1);
    const { client, calls, sleeps } = harness();
    expect(await client.getAccommodation(unit!)).toEqual({
      id: 2,
      title: 'Room 1',
      status: 'publish',
      accommodation_type_id: 1,
    });
    expect(await client.getAccommodation(999)).toBeUndefined();
    expect(calls.map((c) => c.url.pathname)).toEqual([
      '/wp-json/mphb/v1/accommodations/2',
      '/wp-json/mphb/v1/accommodations/999',
    ]);
    const booking = fake.store.addBooking({
      status: 'pending',
      checkIn: '2025-11-20',
      checkOut: '2025-11-21',
      rooms: [{ accommodation: unit! }],
    }).id;
    expect((await client.getBooking(booking))?.reserved_accommodations).toEqual([
      { accommodation: 2, accommodation_type: 1 },
    ]);
    fake.store.deleteBooking(booking);
    expect(await client.getBooking(booking)).toBeUndefined();
    expect(sleeps).toEqual([]);
    // The plugin is missing (wrong namespace here): WordPress' 404 must not read as "unit deleted".
    const noPlugin = harness({
      intercept: (call) => globalThis.fetch(call.url.href.replace('/mphb/v1/', '/mphb/v9/'), call.init),
    });
    await expect(noPlugin.client.getAccommodation(unit!)).rejects.toMatchObject({
      kind: 'request',
      status: 404,
      code: 'rest_no_route',
    });
    await expect(noPlugin.client.listAccommodations()).rejects.toBeInstanceOf(MotopressRequestError);
  });
});

describe('protocol errors', () => {
  it('a 200 HTML page is a MotopressProtocolError', async () => {
    const { client } = harness({ intercept: () => globalThis.fetch(`${SITE}/`) });
    const error = await client.listAccommodations().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MotopressProtocolError);
    expect((error as Error).message).toContain('a non-JSON body (HTTP 200, text/html; charset=UTF-8)');
  });

  it('a JSON object where a list belongs, or an item of the wrong shape, is a MotopressProtocolError', async () => {
    const index = harness({ intercept: () => globalThis.fetch(API, { headers: { Accept: 'application/json' } }) });
    await expect(index.client.listBookings()).rejects.toThrow(/with a JSON object instead of an array$/);
    const [unit] = seed(1, 1);
    fake.store.addBooking({
      status: 'pending',
      checkIn: '2025-11-20',
      checkOut: '2025-11-21',
      rooms: [{ accommodation: unit! }],
    });
    const broken = harness({
      after: async (_c, res) => {
        const body = (await res.json()) as Record<string, unknown>[];
        delete body[0]!.reserved_accommodations;
        return new Response(JSON.stringify(body), { status: 200, headers: res.headers });
      },
    });
    await expect(broken.client.listBookings()).rejects.toThrow(
      /an unexpected shape: \[0\]\.reserved_accommodations is not an array$/,
    );
  });
});

/** The request as sent, answered by the fake rendering `kind` (as gatedFetch has it do in a run). */
const faulted = (call: Call, kind: string): Promise<Response> => {
  const headers = new Headers(call.init?.headers);
  headers.set(FAULT_HEADER, kind);
  return globalThis.fetch(call.url, { ...call.init, headers });
};

describe("production's answers that are not data (HTTP_ANSWER_FAULTS)", () => {
  const listing = `GET ${API}/accommodations?orderby=id&order=asc&per_page=2&page=2`;
  it.each([
    [
      'http-401',
      { kind: 'auth', status: 401, code: 'mphb_rest_cannot_view' },
      `MotoPress refused the API key on ${listing}: HTTP 401 mphb_rest_cannot_view Sorry, you cannot list resources. (was the API key revoked or changed?)`,
    ],
    [
      'http-403',
      { kind: 'auth', status: 403, code: undefined },
      `MotoPress refused the API key on ${listing}: HTTP 403 (not WordPress answering: a firewall or security plugin blocked the request?)`,
    ],
    [
      'http-404-no-route',
      { kind: 'request', status: 404, code: 'rest_no_route' },
      `MotoPress rejected ${listing}: HTTP 404 rest_no_route No route was found matching the URL and request method. (is the MotoPress Hotel Booking plugin active and are permalinks set?)`,
    ],
    [
      'http-200-html',
      { kind: 'protocol' },
      `MotoPress answered ${listing} with a non-JSON body (HTTP 200, text/html; charset=UTF-8): "<!DOCTYPE html> <html lang=\\"en-US\\"> <head><meta charset=\\"UTF" (an HTML page: a cache, CDN, security or maintenance plugin answering for the REST API?)`,
    ],
  ])(
    '%s mid-listing stops the listing with an error naming the cause: no retry, and never "no more items"',
    async (kind, fields, message) => {
      seed(1, 5);
      const { client, calls, sleeps } = harness({
        perPage: 2,
        intercept: (call) => (call.url.searchParams.get('page') === '2' ? faulted(call, kind) : undefined),
      });
      const error = await client.listAccommodations().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MotopressError);
      expect(error).toMatchObject(fields);
      expect((error as Error).message).toBe(message);
      expect(calls).toHaveLength(2);
      expect(sleeps).toEqual([]);
    },
  );

  it.each(['http-401', 'http-403', 'http-404-no-route', 'http-200-html'])(
    '%s on an item is an error, never "the post does not exist"',
    async (kind) => {
      const [unit] = seed(1, 1);
      const { client, calls } = harness({ intercept: (call) => faulted(call, kind) });
      await expect(client.getAccommodation(unit!)).rejects.toBeInstanceOf(MotopressError);
      await expect(client.getBooking(99)).rejects.toBeInstanceOf(MotopressError);
      expect(calls).toHaveLength(2);
    },
  );

  it('retries a JSON body cut short mid-document, and returns the whole listing once an answer is whole', async () => {
    seed(1, 5);
    let cut = 0;
    const { client, sleeps, pages } = harness({
      perPage: 2,
      intercept: (call) => {
        if (call.url.searchParams.get('page') !== '2' || cut === 2) return undefined;
        cut += 1;
        return faulted(call, 'http-truncated-json');
      },
    });
    expect((await client.listAccommodations()).map((u) => u.id)).toEqual([2, 3, 4, 5, 6]);
    expect(pages()).toEqual([1, 2, 2, 2, 3]);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('is MotopressUnavailableError when every answer is cut short, naming the request and what came', async () => {
    seed(1, 1);
    const { client, calls } = harness({ maxAttempts: 3, intercept: (call) => faulted(call, 'http-truncated-json') });
    const error = await client.listAccommodations().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MotopressUnavailableError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^MotoPress unavailable for GET ${API.replace(/\./g, '\\.')}/accommodations\\?.*: a JSON body cut short \\(HTTP 200, \\d+ characters\\) after 3 attempts$`,
      ),
    );
    expect(calls).toHaveLength(3);
  });
});

describe('config', () => {
  const good = {
    baseUrl: SITE,
    consumerKey: DEFAULT_CONSUMER_KEY,
    consumerSecret: DEFAULT_CONSUMER_SECRET,
    fetch: globalThis.fetch,
    clock: { now: () => NOW, sleep: () => Promise.resolve() },
  };

  it.each([
    ['a non-URL baseUrl', { baseUrl: 'hotel.fake' }, /absolute http\(s\) URL/],
    ['an ftp baseUrl', { baseUrl: 'ftp://hotel.fake' }, /http or https, not ftp:/],
    [
      'credentials in baseUrl',
      { baseUrl: `https://${DEFAULT_CONSUMER_KEY}:${DEFAULT_CONSUMER_SECRET}@hotel.fake` },
      /must not carry credentials/,
    ],
    ['a baseUrl ending in /wp-json', { baseUrl: `${SITE}/wp-json/` }, /without \/wp-json/],
    ['an empty key', { consumerKey: '' }, /consumerKey/],
    ['an empty secret', { consumerSecret: ' ' }, /consumerSecret/],
    ['perPage 0', { perPage: 0 }, /perPage must be an integer in 1\.\.100, got 0/],
    ['perPage 101', { perPage: 101 }, /perPage must be an integer in 1\.\.100, got 101/],
    ['perPage 2.5', { perPage: 2.5 }, /perPage/],
    ['maxAttempts 0', { maxAttempts: 0 }, /maxAttempts/],
  ])('rejects %s', (_name, patch, message) => {
    const error = (() => {
      try {
        new MotopressClient({ ...good, ...patch });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MotopressConfigError);
    expect(error).toBeInstanceOf(MotopressError);
    expect((error as MotopressConfigError).kind).toBe('config');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(DEFAULT_CONSUMER_SECRET);
  });

  it('accepts a trailing slash on the site root', async () => {
    seed(1, 0);
    const { client, calls } = harness({ baseUrl: `${SITE}/` });
    expect(await client.listAccommodationTypes()).toEqual([{ id: 1, title: 'Type 1', status: 'publish' }]);
    expect(calls[0]!.url.pathname).toBe('/wp-json/mphb/v1/accommodation_types');
  });
});
