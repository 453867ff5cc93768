/**
 * MotopressClient's edges with a scripted fetch (the plugin's own answers are tested against the
 * MotoPress fake in scenarios/properties/motopress/motopress-client.test.ts): configuration,
 * redaction, a leading BOM, paging without totals, item ids, what a message says.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock.ts';
import { MotopressClient, type MotopressClientOptions } from './motopress-client.ts';
import { MotopressConfigError, MotopressProtocolError, MotopressRequestError } from './motopress-errors.ts';

const SITE = 'https://hotel.fake';
const unit = (id: number) => ({ id, title: `U${id}`, status: 'publish', accommodation_type_id: 1 });

/** A client whose fetch answers from `answer` (by call number) and records each URL. */
function client(
  answer: (url: URL, n: number) => Response | Promise<Response>,
  options: Partial<MotopressClientOptions> = {},
) {
  const urls: URL[] = [];
  const sleeps: number[] = [];
  const clock: Clock = { now: () => 0, sleep: (ms) => (sleeps.push(ms), Promise.resolve()) };
  const c = new MotopressClient({
    baseUrl: SITE,
    consumerKey: 'ck_key',
    consumerSecret: 'cs_secret',
    clock,
    fetch: (input) => {
      const url = new URL(input instanceof Request ? input.url : input);
      urls.push(url);
      return Promise.resolve(answer(url, urls.length));
    },
    ...options,
  });
  return { c, urls, sleeps };
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } });

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('did not fail');
}

describe('MotopressClient config', () => {
  it.each([
    ['a query', { baseUrl: `${SITE}/?lang=en` }, 'baseUrl must not have a query or fragment'],
    ['a fragment', { baseUrl: `${SITE}/#x` }, 'baseUrl must not have a query or fragment'],
    ['a key with ":"', { consumerKey: 'ck:x' }, 'consumerKey must be a non-empty string without ":"'],
    ['a blank key', { consumerKey: '  ' }, 'consumerKey must be a non-empty string without ":"'],
    ['a blank secret', { consumerSecret: ' ' }, 'consumerSecret must be a non-empty string'],
    ['timeoutMs 0', { timeoutMs: 0 }, 'timeoutMs must be an integer in 1..3600000, got 0'],
    ['timeoutMs above an hour', { timeoutMs: 3_600_001 }, 'timeoutMs must be an integer in 1..3600000, got 3600001'],
    ['maxAttempts 101', { maxAttempts: 101 }, 'maxAttempts must be an integer in 1..100, got 101'],
    // From JavaScript or an unset environment variable: named, not a TypeError from .trim().
    ['no key', { consumerKey: undefined as unknown as string }, 'consumerKey must be a non-empty string without ":"'],
    ['no secret', { consumerSecret: undefined as unknown as string }, 'consumerSecret must be a non-empty string'],
    ['a /wp-json path', { baseUrl: `${SITE}/wp-json/` }, 'baseUrl is the site root, without /wp-json'],
  ])('rejects %s', (_, options, message) => {
    expect(() => client(() => json([]), options)).toThrow(new MotopressConfigError(message));
  });

  it.each([
    ['another scheme', 'ftp://hotel.fake', 'baseUrl must be http or https, not ftp:'],
    [
      'a user in the URL',
      'https://admin@hotel.fake',
      'baseUrl must not carry credentials (use consumerKey/consumerSecret)',
    ],
    [
      'a password in the URL',
      'https://:pw@hotel.fake',
      'baseUrl must not carry credentials (use consumerKey/consumerSecret)',
    ],
  ])('rejects a baseUrl with %s', (_, baseUrl, message) => {
    expect(() => client(() => json([]), { baseUrl })).toThrow(new MotopressConfigError(message));
  });

  it('accepts plain http (a site on the local network)', async () => {
    const { c, urls } = client(() => json([]), { baseUrl: 'http://hotel.lan' });
    await c.listAccommodations();
    expect(urls[0]!.href).toMatch(/^http:\/\/hotel\.lan\/wp-json\/mphb\/v1\/accommodations\?/);
  });

  it('accepts the bounds, and a site under a path', async () => {
    for (const options of [
      { timeoutMs: 1 },
      { timeoutMs: 3_600_000 },
      { maxAttempts: 100 },
      { perPage: 1 },
      { perPage: 100 },
    ])
      expect(() => client(() => json([]), options)).not.toThrow();
    const { c, urls } = client(() => json([]), { baseUrl: `${SITE}/hotel//` });
    await c.listAccommodations();
    expect(urls[0]!.pathname).toBe('/hotel/wp-json/mphb/v1/accommodations');
    const named = client(() => json([]), { baseUrl: `${SITE}/wp-jsonic` });
    await named.c.listAccommodations();
    expect(named.urls[0]!.pathname).toBe('/wp-jsonic/wp-json/mphb/v1/accommodations');
  });
});

describe('MotopressClient answers', () => {
  it('reads a body with a leading BOM as JSON', async () => {
    const { c } = client(() => new Response(`\uFEFF${JSON.stringify([unit(3)])}`, { status: 200 }));
    expect(await c.listAccommodations()).toEqual([unit(3)]);
  });

  it('without totals, keeps paging while pages are full, then refuses a page of items already seen', async () => {
    const { c, urls } = client(
      (url) => json(url.searchParams.get('page') === '1' ? [unit(1), unit(2)] : [unit(2), unit(1)]),
      {
        perPage: 2,
      },
    );
    const error = await failure(c.listAccommodations());
    expect(error).toBeInstanceOf(MotopressProtocolError);
    expect(error.message).toMatch(/no X-WP-TotalPages and a page of items already seen/);
    expect(urls.map((u) => u.searchParams.get('page'))).toEqual(['1', '2']);
  });

  it('without totals, a full page of new items asks for the next page', async () => {
    const pages: Record<string, unknown[]> = { '1': [unit(1), unit(2)], '2': [unit(3), unit(4)], '3': [unit(5)] };
    const { c, urls } = client((url) => json(pages[url.searchParams.get('page')!]), { perPage: 2 });
    expect((await c.listAccommodations()).map((u) => u.id)).toEqual([1, 2, 3, 4, 5]);
    expect(urls.map((u) => u.searchParams.get('per_page'))).toEqual(['2', '2', '2']);
  });

  it('follows X-WP-TotalPages to its last page and no further', async () => {
    const { c, urls } = client((url) => json([unit(Number(url.searchParams.get('page')))], { 'x-wp-totalpages': '2' }));
    expect((await c.listAccommodations()).map((u) => u.id)).toEqual([1, 2]);
    expect(urls).toHaveLength(2);
  });

  it('names a JSON null or object where a list belongs', async () => {
    expect((await failure(client(() => json(null)).c.listBookings())).message).toMatch(
      /with a JSON null instead of an array$/,
    );
    expect((await failure(client(() => json({})).c.listBookings())).message).toMatch(
      /with a JSON object instead of an array$/,
    );
  });

  it('describes a non-JSON body by status, content type and start, with the HTML hint only for markup', async () => {
    const plain = await failure(
      client(() => new Response('Fatal  error\n in <b>x</b>', { status: 200 })).c.listBookings(),
    );
    expect(plain.message).toMatch(
      /a non-JSON body \(HTTP 200, text\/plain;charset=UTF-8\): "Fatal error in <b>x<\/b>"$/,
    );
    // Bytes carry no content type of their own: the message says there was none.
    const untyped = await failure(client(() => new Response(new TextEncoder().encode('oops'))).c.listBookings());
    expect(untyped.message).toMatch(/a non-JSON body \(HTTP 200, no content-type\): "oops"$/);
    const html = await failure(
      client(
        () => new Response('  <html>down</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      ).c.listBookings(),
    );
    expect(html.message).toMatch(/\(HTTP 200, text\/html\): " <html>down<\/html>" \(an HTML page: a cache, CDN/);
  });

  it('never repeats the credentials a server echoes back', async () => {
    const error = await failure(
      client(
        () => new Response(JSON.stringify({ code: 'x_cs_secret', message: '<b>key ck_key</b>' }), { status: 400 }),
      ).c.listBookings(),
    );
    expect(error).toBeInstanceOf(MotopressRequestError);
    expect(error.message).toMatch(/HTTP 400 x_\[redacted\] key \[redacted\]$/);
    expect(error.message).not.toMatch(/cs_secret|ck_key/);
  });

  it("names the field of an item that has the wrong shape, from the body's root", async () => {
    const error = await failure(client(() => json({ ...unit(1), status: 7 })).c.getAccommodation(1));
    expect(error).toBeInstanceOf(MotopressProtocolError);
    expect(error.message).toMatch(/with an unexpected shape: body\.status is not a string$/);
  });

  it("keeps the first 300 characters of a WordPress error's message", async () => {
    const message = `${'x'.repeat(300)}TAIL`;
    const error = await failure(
      client(() => new Response(JSON.stringify({ message }), { status: 400 })).c.listBookings(),
    );
    expect(error.message).toMatch(new RegExp(`: HTTP 400 x{300}$`));
  });

  it('retries a 503 after the planned wait; out of attempts, the error names the status and has no cause', async () => {
    const flaky = client((_, n) => (n === 1 ? new Response('busy', { status: 503 }) : json([unit(1)])));
    expect(await flaky.c.listAccommodations()).toEqual([unit(1)]);
    expect(flaky.sleeps).toEqual([500]);
    const down = client(() => new Response('busy', { status: 503 }), { maxAttempts: 2 });
    const error = await failure(down.c.listAccommodations());
    expect(error.message).toMatch(/: HTTP 503 after 2 attempts$/);
    expect(Object.hasOwn(error, 'cause')).toBe(false);
  });

  it('names the status alone when the error body is JSON but not an object with a code', async () => {
    for (const body of ['null', '"down"', '[1]']) {
      const error = await failure(client(() => new Response(body, { status: 400 })).c.listBookings());
      expect(error.message).toMatch(/: HTTP 400$/);
    }
  });

  it("a 404 on an item is 'gone' only with the plugin's invalid-id code", async () => {
    const gone = client(() => new Response(JSON.stringify({ code: 'mphb_rest_invalid_booking_id' }), { status: 404 }));
    expect(await gone.c.getBooking(5)).toBeUndefined();
    expect(gone.urls[0]!.pathname).toBe('/wp-json/mphb/v1/bookings/5');
    for (const [code, status] of [
      ['xmphb_rest_invalid_booking_id', 404],
      ['mphb_rest_invalid_booking_idx', 404],
      ['mphb_rest_invalid_booking_id', 400],
    ] as const) {
      const other = client(() => new Response(JSON.stringify({ code }), { status }));
      expect(await failure(other.c.getBooking(5))).toBeInstanceOf(MotopressRequestError);
    }
  });

  it('refuses an item id that is not a positive integer, without a request', async () => {
    const { c, urls } = client(() => json(unit(1)));
    for (const id of [0, -1, 1.5])
      await expect(c.getAccommodation(id)).rejects.toThrow(
        new RangeError(`accommodations id must be a positive integer, got ${id}`),
      );
    expect(urls).toEqual([]);
    expect(await c.getAccommodation(1)).toEqual(unit(1));
  });

  it('names a dropped connection with its cause code, and rethrows an error that is not transient', async () => {
    const dropped = client(
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      },
      { maxAttempts: 2 },
    );
    const error = await failure(dropped.c.listBookings());
    expect(error.message).toMatch(/: TypeError: fetch failed \(ECONNRESET\) after 2 attempts$/);
    expect(dropped.sleeps).toEqual([500]);
    const bare = client(
      () => {
        throw new TypeError('fetch failed');
      },
      { maxAttempts: 1 },
    );
    expect((await failure(bare.c.listBookings())).message).toMatch(/: TypeError: fetch failed after 1 attempt$/);
    // Our own timeout, as a runtime without DOMException-as-Error might reject: named all the same.
    const timedOut = client(
      () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a rejection that is no Error is the case here
        throw { name: 'TimeoutError', message: 'The operation was aborted due to timeout' };
      },
      { maxAttempts: 1 },
    );
    expect((await failure(timedOut.c.listBookings())).message).toMatch(
      /: TimeoutError: The operation was aborted due to timeout after 1 attempt$/,
    );
    for (const cause of [null, 'ECONNRESET']) {
      const odd = client(
        () => {
          throw new TypeError('fetch failed', { cause });
        },
        { maxAttempts: 1 },
      );
      expect((await failure(odd.c.listBookings())).message).toMatch(/: TypeError: fetch failed after 1 attempt$/);
    }
    const bug = new RangeError('a bug');
    const broken = client(() => {
      throw bug;
    });
    expect(await failure(broken.c.listBookings())).toBe(bug);
    expect(broken.urls).toHaveLength(1);
  });
});
