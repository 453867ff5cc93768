/**
 * A fetch-compatible function for the module under test that puts every MotoPress request under
 * the run's scheduler: the WHOLE round trip runs inside `gate.run`, so the scheduler decides
 * when the request reaches the fake and the history records it as invoke -> ok | fail | info
 * under `METHOD /path` (no query) with the query params as arguments (credentials redacted).
 * The client code builds and reads a real Request and Response exactly as in production; what
 * answers it is `options.fetch` (the engine's direct path to the handlers) or the global fetch.
 *
 * The request's fault is decided inside the gated call, so draws follow the release order:
 * - http-500/502/503/429: a real HTTP answer from the handlers, as the WordPress host sends it
 *   (see host-fault-response.ts); the store is not touched; recorded `fail`. The caller still
 *   gets the Response, as with fetch (any status >= 500 or 429 is recorded `fail`).
 * - connection-reset: rejected as undici does (TypeError "fetch failed", cause ECONNRESET)
 *   before the request is delivered; `fail`.
 * - client-timeout: the client gives up before the request is delivered (DOMException
 *   TimeoutError, or AbortError); the caller cannot know that, so it is recorded `info`.
 * - http-latency: the injected simulated clock advances by the plan's latency; at or past the
 *   client's `timeoutMs` the request IS delivered and the caller gets the timeout (`info`).
 * - response-lost: the store applies the request, then the caller gets "fetch failed" (`info`).
 * - the HTTP_ANSWER_FAULTS (401, 403, 404 rest_no_route, a 200 HTML page, a 200 JSON body cut
 *   short): a complete answer from the handlers, the store untouched; recorded `fail` as
 *   `HTTP 200 (http-200-html)`, since the request is known to have served nothing (an ordinary
 *   4xx the fake gives on its own stays `ok`), and the caller still gets the Response. They are
 *   candidates after HTTP_FAULTS, so a plan that does not activate them draws as before.
 * The fault travels to the handler in an internal header that only the handlers read.
 */
import { HTTP_ANSWER_FAULTS, HTTP_FAULTS } from '../fault-kinds.ts';
import type { FaultSource, IoGate } from '../io-gate.ts';
import { FAULT_HEADER } from './motopress-handlers.ts';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface GatedFetchOptions {
  gate: IoGate;
  actor: string;
  faults?: FaultSource;
  /**
   * The fetch that reaches the fake: the case engine passes its direct path to the msw handlers
   * (no interception); default: the global fetch at call time (msw's server intercepts it).
   */
  fetch?: FetchLike;
  /** Advanced by an `http-latency` fault (the run's simulated clock). */
  clock?: { advance(ms: number): void };
  /** The client's timeout in simulated ms (a latency fault at or past it times out). */
  timeoutMs?: number;
  /** The error a timed-out fetch rejects with: `TimeoutError` (AbortSignal.timeout, default) or `AbortError`. */
  timeoutErrorName?: 'TimeoutError' | 'AbortError';
}

/** Every HTTP kind the fake renders; the injector draws only for the kinds a plan activates. */
const CANDIDATES = [...HTTP_FAULTS, ...HTTP_ANSWER_FAULTS];
const REDACTED = '[redacted]';
const CREDENTIAL_PARAMS = new Set(['consumer_key', 'consumer_secret', 'oauth_consumer_key', 'oauth_signature']);

/** Errors whose outcome is unknown to the caller (the write may have happened). */
const unknownOutcome = new WeakSet<object>();

/** An HTTP answer that says the request was not served; unwrapped back into a Response for the caller. */
class HttpFailure extends Error {
  readonly response: Response;
  constructor(response: Response, fault?: string) {
    super(fault ? `HTTP ${response.status} (${fault})` : `HTTP ${response.status} ${response.statusText}`.trim());
    this.response = response;
  }
}

const ANSWER_FAULTS: ReadonlySet<string> = new Set(HTTP_ANSWER_FAULTS);

export function gatedFetch(options: GatedFetchOptions): FetchLike {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const operation = `${method} ${url.pathname}`;
    try {
      return await options.gate.run(
        { actor: options.actor, system: 'motopress', operation, args: requestArgs(url, init) },
        async () => {
          const { response, fault } = await roundTrip(input, init, options, operation);
          // An injected answer fault is known to have served nothing, whatever its status says.
          if (fault !== undefined && ANSWER_FAULTS.has(fault)) throw new HttpFailure(response, fault);
          if (response.status >= 500 || response.status === 429) throw new HttpFailure(response);
          return response;
        },
        {
          classify: (error) =>
            typeof error === 'object' && error !== null && unknownOutcome.has(error) ? 'info' : 'fail',
          summarize: (response) => summary(response),
        },
      );
    } catch (error) {
      if (error instanceof HttpFailure) return error.response;
      throw error;
    }
  };
}

async function roundTrip(
  input: string | URL | Request,
  init: RequestInit | undefined,
  options: GatedFetchOptions,
  operation: string,
): Promise<{ response: Response; fault?: string }> {
  const deliver = (fault?: string): Promise<Response> => {
    const request = new Request(input, init);
    if (fault) request.headers.set(FAULT_HEADER, fault);
    return (options.fetch ?? globalThis.fetch)(request);
  };
  const fault = options.faults?.decide(CANDIDATES, options.actor, operation);
  switch (fault) {
    case undefined:
      return { response: await deliver() };
    case 'connection-reset':
      throw fetchFailed('read ECONNRESET');
    case 'client-timeout':
      throw unknown(timeoutError(options));
    case 'http-latency': {
      const ms = options.faults!.latency();
      options.clock?.advance(ms);
      if (options.timeoutMs !== undefined && ms >= options.timeoutMs) {
        await drain(deliver());
        throw unknown(timeoutError(options));
      }
      return { response: await deliver() };
    }
    case 'response-lost':
      await drain(deliver());
      throw unknown(fetchFailed('socket hang up'));
    default:
      return { response: await deliver(fault), fault };
  }
}

async function drain(response: Promise<Response>): Promise<void> {
  await response.then((r) => r.arrayBuffer()).catch(() => undefined);
}

/** undici's shape: `TypeError: fetch failed` with the socket error as `cause`. */
function fetchFailed(reason: string): TypeError {
  const cause = Object.assign(new Error(reason), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
  return new TypeError('fetch failed', { cause });
}

function timeoutError(options: GatedFetchOptions): DOMException {
  return options.timeoutErrorName === 'AbortError'
    ? new DOMException('This operation was aborted', 'AbortError')
    : new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

function unknown<E extends object>(error: E): E {
  unknownOutcome.add(error);
  return error;
}

function summary(response: Response): unknown {
  const total = response.headers.get('X-WP-Total');
  return total === null ? { status: response.status } : { status: response.status, total: Number(total) };
}

/** What the history records: the query params (credentials redacted) and a string body. */
function requestArgs(url: URL, init: RequestInit | undefined): unknown {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key).map((v) => (CREDENTIAL_PARAMS.has(key) ? REDACTED : v));
    query[key] = values.length === 1 ? values[0]! : values;
  }
  let body: unknown;
  const raw = init?.body;
  if (typeof raw === 'string' && raw !== '') {
    try {
      body = JSON.parse(raw) as unknown;
    } catch {
      body = raw;
    }
  } else if (raw instanceof URLSearchParams) body = Object.fromEntries(raw);
  return { ...(Object.keys(query).length > 0 ? { query } : {}), ...(body === undefined ? {} : { body }) };
}
