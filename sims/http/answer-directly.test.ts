/**
 * answerDirectly: the handlers' own answer (url set as fetch sets it); what msw's server does
 * with a throwing handler (500) and with an unhandled or passed-through request (rejects with
 * msw's error, printed) - which never reaches the network - and an aborted request rejects
 * before any handler runs. Handlers that carry their own router (fakes/direct-route.ts) are
 * answered by it when msw would route the request to them, and by msw when the router is not sure
 * or a handler without a router comes first.
 */
import { http, HttpResponse, passthrough } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { withDirectRoute } from '../../fakes/direct-route.ts';
import { answerDirectly } from './answer-directly.ts';

const SITE = 'https://fake.test';
let handled: string[];
const handlers = [
  http.get(`${SITE}/items`, ({ request }) => {
    handled.push(request.url);
    return HttpResponse.json([{ id: 1 }], { headers: { 'X-WP-Total': '1' } });
  }),
  http.get(`${SITE}/boom`, () => {
    throw new Error('boom');
  }),
  http.get(`${SITE}/through`, () => passthrough()),
];

describe('answerDirectly', () => {
  let printed: MockInstance<typeof console.error>;
  beforeEach(() => {
    handled = [];
    printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => printed.mockRestore());

  it("returns the handler's Response, with the request's url", async () => {
    const response = await answerDirectly(handlers, new Request(`${SITE}/items?page=2`));
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${SITE}/items?page=2`);
    expect(response.headers.get('X-WP-Total')).toBe('1');
    expect(await response.json()).toEqual([{ id: 1 }]);
    expect(handled).toEqual([`${SITE}/items?page=2`]);
  });

  it('answers a throwing handler with a 500 carrying the error, and prints it', async () => {
    const response = await answerDirectly(handlers, new Request(`${SITE}/boom`));
    expect(response.status).toBe(500);
    expect(response.statusText).toBe('Unhandled Exception');
    expect(await response.json()).toMatchObject({ name: 'Error', message: 'boom' });
    expect(printed).toHaveBeenCalled();
  });

  it.each([
    ['no handler', `${SITE}/missing`],
    ['a passthrough', `${SITE}/through`],
    ['no handler, on an asset path msw would let through', `${SITE}/app.js`],
  ])('rejects a request with %s (printed, never sent)', async (_, url) => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      await expect(answerDirectly(handlers, new Request(url))).rejects.toThrow(/\[MSW\]/);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(printed).toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('rejects an aborted request with its reason before any handler runs', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    await expect(
      answerDirectly(handlers, new Request(`${SITE}/items`, { signal: controller.signal })),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(handled).toEqual([]);
  });
});

describe('answerDirectly, handlers with their own router', () => {
  const OTHER = 'https://other.test';
  let routed: string[];
  let matched: string[];
  /** One site's handlers: msw answers 'msw', the router 'router' for /items only. */
  const site = (origin: string) =>
    withDirectRoute(
      [
        http.get(`${origin}/*`, ({ request }) => {
          matched.push(request.url);
          return HttpResponse.text('msw');
        }),
      ],
      {
        origin,
        answer: (request, url) => {
          if (url.pathname === '/boom') throw new Error('router boom');
          if (url.pathname !== '/items') return undefined;
          routed.push(request.url);
          return HttpResponse.text('router');
        },
      },
    );
  let printed: MockInstance<typeof console.error>;
  beforeEach(() => {
    routed = [];
    matched = [];
    printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => printed.mockRestore());

  it('answers by the router of the first handlers on the origin, past other origins, without msw matching', async () => {
    const response = await answerDirectly([...site(OTHER), ...site(SITE)], new Request(`${SITE}/items?page=2`));
    expect(await response.text()).toBe('router');
    expect(response.url).toBe(`${SITE}/items?page=2`);
    expect(routed).toEqual([`${SITE}/items?page=2`]);
    expect(matched).toEqual([]);
  });

  it('lets msw match when the router is not sure, or a handler without a router comes first', async () => {
    expect(await (await answerDirectly(site(SITE), new Request(`${SITE}/ITEMS`))).text()).toBe('msw');
    const unrouted = http.get(`${SITE}/elsewhere`, () => HttpResponse.text('elsewhere'));
    expect(await (await answerDirectly([unrouted, ...site(SITE)], new Request(`${SITE}/items`))).text()).toBe('msw');
    expect(routed).toEqual([]);
    expect(matched).toEqual([`${SITE}/ITEMS`, `${SITE}/items`]);
  });

  it('answers a throwing router as a throwing handler: 500, printed', async () => {
    const response = await answerDirectly(site(SITE), new Request(`${SITE}/boom`));
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ message: 'router boom' });
    expect(printed).toHaveBeenCalled();
  });

  it('rejects a request on an origin no handler serves, as msw does', async () => {
    await expect(answerDirectly(site(SITE), new Request(`${OTHER}/items`))).rejects.toThrow(/\[MSW\]/);
    expect(routed).toEqual([]);
  });
});
