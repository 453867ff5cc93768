/* eslint-disable @typescript-eslint/no-unsafe-member-access -- JSON bodies are read loosely (fixtures J) */
/**
 * gatedFetch with a tiny recording IoGate (it just runs `start()`) and a scripted FaultSource:
 * every request is one gated operation named `METHOD /path`, the fault is decided inside it,
 * and each fault kind behaves as the fault model says (what the caller sees, whether the store
 * changed, and fail vs info in the history).
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultSource, GateRequest, IoGate } from '../io-gate.ts';
import { HTTP_ANSWER_FAULTS, HTTP_FAULTS, type HttpFault } from '../fault-kinds.ts';
import { gatedFetch } from './gated-fetch.ts';
import { DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET } from './motopress-fake.ts';
import { API, basic, fakeSite, smallHotel, type J } from './fixtures/motopress-site.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

interface Recorded {
  request: GateRequest;
  events: string[];
  outcome?: string;
  summary?: unknown;
}

class RecordingGate implements IoGate {
  readonly calls: Recorded[] = [];
  async run<T>(
    request: GateRequest,
    start: () => Promise<T>,
    options: { classify?: (error: unknown) => 'fail' | 'info'; summarize?: (value: T) => unknown } = {},
  ): Promise<T> {
    const call: Recorded = { request, events: ['start'] };
    this.calls.push(call);
    try {
      const value = await start();
      call.outcome = 'ok';
      call.summary = options.summarize?.(value);
      return value;
    } catch (error) {
      call.outcome = options.classify?.(error) ?? 'fail';
      throw error;
    }
  }
}

class ScriptedFaults implements FaultSource {
  readonly seen: Array<{ candidates: readonly string[]; operation: string }> = [];
  constructor(
    readonly script: Array<HttpFault | undefined>,
    readonly gate: RecordingGate,
    readonly latencyMs = 2_000,
  ) {}
  decide<K extends string>(candidates: readonly K[], _actor: string, operation: string): K | undefined {
    this.seen.push({ candidates, operation });
    // Decided inside the gated call: the gate has already started this operation.
    this.gate.calls.at(-1)?.events.push('decide');
    return this.script.shift() as K | undefined;
  }
  latency(): number {
    return this.latencyMs;
  }
}

let site: ReturnType<typeof fakeSite>;
let hotel: ReturnType<typeof smallHotel>;
let gate: RecordingGate;
beforeEach(() => {
  site = fakeSite();
  hotel = smallHotel(site.store, site.clock);
  server.resetHandlers(...site.handlers);
  gate = new RecordingGate();
});

function client(
  script: Array<HttpFault | undefined>,
  extra: { timeoutMs?: number; timeoutErrorName?: 'TimeoutError' | 'AbortError' } = {},
) {
  const faults = new ScriptedFaults(script, gate);
  return { faults, fetch: gatedFetch({ gate, actor: 'sync', faults, clock: site.clock, ...extra }) };
}

const cancel = (f: ReturnType<typeof client>['fetch'], id: number) =>
  f(`${API}/bookings/${id}`, {
    method: 'POST',
    headers: { ...basic(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'cancelled' }),
  });

describe('gatedFetch', () => {
  it('runs each request as one gated operation named METHOD /path, with query args and credentials redacted', async () => {
    const { fetch: f, faults } = client([undefined]);
    const res = await f(
      `${API}/bookings?per_page=5&consumer_key=${DEFAULT_CONSUMER_KEY}&consumer_secret=${DEFAULT_CONSUMER_SECRET}`,
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as J[]).length).toBe(5);
    expect(gate.calls).toEqual([
      {
        request: {
          actor: 'sync',
          system: 'motopress',
          operation: 'GET /wp-json/mphb/v1/bookings',
          args: { query: { per_page: '5', consumer_key: '[redacted]', consumer_secret: '[redacted]' } },
        },
        events: ['start', 'decide'],
        outcome: 'ok',
        summary: { status: 200, total: 9 },
      },
    ]);
    expect(faults.seen[0]!.candidates).toEqual([...HTTP_FAULTS, ...HTTP_ANSWER_FAULTS]);
    expect(JSON.stringify(gate.calls)).not.toContain(DEFAULT_CONSUMER_SECRET);
  });

  it('accepts a Request object as input, like fetch', async () => {
    const { fetch: f } = client([undefined]);
    const res = await f(new Request(`${API}/accommodations/${hotel.d1.id}`, { headers: basic() }));
    expect(((await res.json()) as J).id).toBe(hotel.d1.id);
    expect(gate.calls[0]!.request.operation).toBe(`GET /wp-json/mphb/v1/accommodations/${hotel.d1.id}`);
  });

  it('records a JSON write body as args and an ordinary 4xx as ok (the request was answered)', async () => {
    const { fetch: f } = client([undefined]);
    const res = await cancel(f, 99999);
    expect(res.status).toBe(400);
    expect(gate.calls[0]!.request).toMatchObject({
      operation: 'POST /wp-json/mphb/v1/bookings/99999',
      args: { body: { status: 'cancelled' } },
    });
    expect(gate.calls[0]!.outcome).toBe('ok');
  });

  it('answers http-429 as the WordPress host does: HTML with Retry-After; the store is untouched; fail', async () => {
    const { fetch: f } = client(['http-429']);
    const res = await cancel(f, hotel.byStatus[2]!.id);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('429 Too Many Requests');
    expect(site.store.bookings.get(hotel.byStatus[2]!.id)!.status).toBe('pending');
    expect(gate.calls[0]!.outcome).toBe('fail');
  });

  it('answers 500 with WP critical-error JSON, 502 with nginx HTML and 503 with the maintenance page; all fail', async () => {
    const { fetch: f } = client(['http-500', 'http-502', 'http-503']);
    const r500 = await f(`${API}/bookings`, { headers: basic() });
    expect([r500.status, ((await r500.json()) as J).code]).toEqual([500, 'internal_server_error']);
    const r502 = await f(`${API}/bookings`, { headers: basic() });
    expect([r502.status, await r502.text()]).toEqual([502, expect.stringContaining('502 Bad Gateway')]);
    const r503 = await f(`${API}/bookings`, { headers: basic() });
    expect([r503.status, r503.headers.get('retry-after'), await r503.text()]).toEqual([
      503,
      '600',
      expect.stringContaining('Briefly unavailable for scheduled maintenance'),
    ]);
    expect(gate.calls.map((c) => c.outcome)).toEqual(['fail', 'fail', 'fail']);
  });

  it('rejects a connection reset like undici (TypeError fetch failed, cause ECONNRESET) before delivery; fail', async () => {
    const { fetch: f } = client(['connection-reset']);
    const error = (await cancel(f, hotel.byStatus[2]!.id).catch((e: unknown) => e)) as TypeError & {
      cause: { code: string };
    };
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed');
    expect(error.cause.code).toBe('ECONNRESET');
    expect(site.store.bookings.get(hotel.byStatus[2]!.id)!.status).toBe('pending');
    expect(gate.calls[0]!.outcome).toBe('fail');
  });

  it('rejects a client timeout with a DOMException (TimeoutError, or AbortError) without delivering; info', async () => {
    const { fetch: f } = client(['client-timeout']);
    await expect(cancel(f, hotel.byStatus[2]!.id)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(site.store.bookings.get(hotel.byStatus[2]!.id)!.status).toBe('pending');
    expect(gate.calls[0]!.outcome).toBe('info');
    const abort = client(['client-timeout'], { timeoutErrorName: 'AbortError' });
    await expect(abort.fetch(`${API}/bookings`)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('advances the simulated clock on latency; past the client timeout the write lands and the caller times out (info)', async () => {
    const before = site.clock.now;
    const slow = client(['http-latency'], { timeoutMs: 5_000 });
    expect((await slow.fetch(`${API}/bookings`, { headers: basic() })).status).toBe(200);
    expect(site.clock.now - before).toBe(2_000);
    expect(gate.calls[0]!.outcome).toBe('ok');

    const tooSlow = gatedFetch({
      gate,
      actor: 'sync',
      clock: site.clock,
      timeoutMs: 1_000,
      faults: new ScriptedFaults(['http-latency'], gate, 1_500),
    });
    await expect(cancel(tooSlow, hotel.byStatus[2]!.id)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(site.store.bookings.get(hotel.byStatus[2]!.id)!.status).toBe('cancelled');
    expect(gate.calls[1]!.outcome).toBe('info');
  });

  it('applies the write and then loses the response: the caller gets fetch failed, the history info', async () => {
    const { fetch: f } = client(['response-lost']);
    await expect(cancel(f, hotel.byStatus[2]!.id)).rejects.toThrow('fetch failed');
    expect(site.store.bookings.get(hotel.byStatus[2]!.id)!.status).toBe('cancelled');
    expect(gate.calls[0]!.outcome).toBe('info');
  });

  it('never lets the fault header reach the store: a faulted request changes nothing and a later one is clean', async () => {
    const { fetch: f } = client(['http-503', undefined]);
    expect((await cancel(f, hotel.byStatus[2]!.id)).status).toBe(503);
    expect(site.store.bookings.get(hotel.byStatus[2]!.id)!.status).toBe('pending');
    expect((await cancel(f, hotel.byStatus[2]!.id)).status).toBe(200);
    expect(site.store.bookings.get(hotel.byStatus[2]!.id)!.status).toBe('cancelled');
  });

  it('answers 401 and 404 rest_no_route as WordPress JSON, 403 as a firewall page; the store is untouched; fail', async () => {
    const { fetch: f } = client(['http-401', 'http-404-no-route', 'http-403']);
    const r401 = await cancel(f, hotel.byStatus[2]!.id);
    expect([r401.status, await r401.json()]).toEqual([
      401,
      { code: 'mphb_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } },
    ]);
    const r404 = await f(`${API}/bookings`, { headers: basic() });
    expect([r404.status, ((await r404.json()) as J).code]).toEqual([404, 'rest_no_route']);
    const r403 = await f(`${API}/bookings`, { headers: basic() });
    expect([r403.status, r403.headers.get('content-type'), await r403.text()]).toEqual([
      403,
      expect.stringContaining('text/html'),
      expect.stringContaining('Wordfence'),
    ]);
    expect(site.store.bookings.get(hotel.byStatus[2]!.id)!.status).toBe('pending');
    expect(gate.calls.map((c) => c.outcome)).toEqual(['fail', 'fail', 'fail']);
  });

  it('answers http-200-html with a 200 HTML page that is not JSON; fail', async () => {
    const { fetch: f } = client(['http-200-html']);
    const res = await f(`${API}/bookings`, { headers: basic() });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
    const text = await res.text();
    expect(text).toMatch(/^<!DOCTYPE html>/);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    expect(gate.calls[0]!.outcome).toBe('fail');
  });

  it('cuts a read short mid-document (the real answer, status and headers); a write is not applied', async () => {
    const whole = await (await client([undefined]).fetch(`${API}/bookings`, { headers: basic() })).text();
    const { fetch: f } = client(['http-truncated-json', 'http-truncated-json']);
    const res = await f(`${API}/bookings`, { headers: basic() });
    const text = await res.text();
    expect([res.status, res.headers.get('x-wp-total')]).toEqual([200, '9']);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(whole.length);
    expect(whole.startsWith(text)).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    const write = await cancel(f, hotel.byStatus[2]!.id);
    expect(write.status).toBe(500);
    const cut = await write.text();
    expect(cut.startsWith('{"code":"internal_server_error"')).toBe(true);
    expect(() => JSON.parse(cut) as unknown).toThrow(SyntaxError);
    expect(site.store.bookings.get(hotel.byStatus[2]!.id)!.status).toBe('pending');
  });
});
