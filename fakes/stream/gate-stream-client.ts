/**
 * Puts a real `stream-chat` client under the run's scheduler: a custom axios adapter wraps the
 * WHOLE round trip (the default adapter, which msw intercepts, or axios's own fetch adapter
 * over `options.fetch`) in `gate.run`, so the scheduler
 * decides when each SDK request reaches the fake and the history records it as
 * invoke -> ok | fail | info under `METHOD /path/{template}`.
 *
 * The request's fault is decided inside the gated call (so draws follow the release order):
 * - http-500/502/503/429: a real HTTP answer from the handlers (Stream's error body; 429 with
 *   code 9 and X-RateLimit-*); the store is not touched; recorded `fail`.
 * - connection-reset: rejected like axios does (ECONNRESET) before the request is delivered; `fail`.
 * - client-timeout: rejected with ECONNABORTED before the request is delivered; the caller
 *   cannot know that, so it is recorded `info`.
 * - http-latency: the injected clock advances by the plan's latency; past the client's timeout
 *   the request IS delivered and the caller gets ECONNABORTED (`info`).
 * - response-lost: the store applies the request, then the caller gets ECONNRESET (`info`).
 * - the HTTP_ANSWER_FAULTS Stream can meet (STREAM_ANSWER_FAULTS: 401, 403, a 200 HTML page,
 *   and on a pure read a 2xx JSON body cut short): a complete answer from the handlers, the
 *   store untouched; recorded `fail` as `HTTP 200 (http-200-html)`, since the request is known
 *   to have served nothing (a 2xx would otherwise be `ok`), and the caller still gets the
 *   answer, as axios and the SDK would see it. They are candidates after HTTP_FAULTS, so a plan
 *   that does not activate them draws as before.
 * The fault travels to the handler in an internal header; arguments in the history never hold
 * the api_key, the JWT or the fault header.
 */
import axios, { AxiosError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import type { StreamChat } from 'stream-chat';
import { HTTP_FAULTS } from '../fault-kinds.ts';
import type { FaultSource, IoGate } from '../io-gate.ts';
import { STREAM_ANSWER_FAULTS, STREAM_READ_ENDPOINTS } from './stream-answer-faults.ts';
import { streamEndpointOf } from './stream-endpoints.ts';
import { FAULT_HEADER } from './stream-handlers.ts';

export interface GateStreamClientOptions {
  gate: IoGate;
  actor: string;
  faults?: FaultSource;
  /** Advanced by an `http-latency` fault (the run's simulated clock). */
  clock?: { advance(ms: number): void };
  /**
   * Where the requests go: axios's fetch adapter over this function (the case engine's direct
   * path to the fakes' handlers, no socket). Default: the client's own adapter (Node's http,
   * which an msw server intercepts). Either way the SDK and axios build the request and parse
   * the answer (headers, JWT, params, JSON, errors by status); only the transport differs.
   * Pass one function for many clients: axios keeps a fetch adapter per fetch function.
   */
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

/** Errors whose outcome is unknown to the caller (the write may have happened). */
const unknownOutcome = new WeakSet<object>();

/** Every HTTP kind the fake renders for a pure read; a write cannot be cut short without applying it. */
const READ_CANDIDATES = [...HTTP_FAULTS, ...STREAM_ANSWER_FAULTS];
const WRITE_CANDIDATES = [...HTTP_FAULTS, ...STREAM_ANSWER_FAULTS.filter((kind) => kind !== 'http-truncated-json')];
const ANSWER_FAULTS: ReadonlySet<string> = new Set(STREAM_ANSWER_FAULTS);

/** The HTTP kinds the gate may draw for `operation` (`METHOD /path/{template}`), HTTP_FAULTS first. */
export function streamFaultCandidates(operation: string): readonly (typeof READ_CANDIDATES)[number][] {
  const endpoint = streamEndpointOf(operation);
  return endpoint !== undefined && STREAM_READ_ENDPOINTS.has(endpoint) ? READ_CANDIDATES : WRITE_CANDIDATES;
}

/** An injected answer that served nothing, carried out of the gated call so it is recorded `fail`. */
class AnswerFault extends Error {
  readonly settled: { response: AxiosResponse } | { error: unknown };
  constructor(fault: string, status: number | undefined, settled: AnswerFault['settled']) {
    super(`HTTP ${status ?? '?'} (${fault})`);
    this.settled = settled;
  }
}

export function gateStreamClient(client: StreamChat, options: GateStreamClientOptions): void {
  const instance = client.axiosInstance;
  const deliver: AxiosAdapter = options.fetch
    ? axios.getAdapter('fetch', { env: { fetch: options.fetch } })
    : axios.getAdapter(instance.defaults.adapter ?? axios.defaults.adapter);
  instance.defaults.adapter = async (config) => {
    const url = new URL(config.url ?? '', config.baseURL ?? 'https://stream.fake');
    const operation = `${(config.method ?? 'get').toUpperCase()} ${pathTemplate(url.pathname)}`;
    try {
      return await options.gate.run(
        { actor: options.actor, system: 'stream', operation, args: requestArgs(url, config) },
        () => roundTrip(config, deliver, options, operation),
        {
          classify: (error) =>
            typeof error === 'object' && error !== null && unknownOutcome.has(error) ? 'info' : 'fail',
          summarize: (response) => ({ status: response.status, ...listedItems(response.data) }),
        },
      );
    } catch (error) {
      if (!(error instanceof AnswerFault)) throw error;
      if ('response' in error.settled) return error.settled.response;
      throw error.settled.error;
    }
  };
}

async function roundTrip(
  config: InternalAxiosRequestConfig,
  deliver: AxiosAdapter,
  options: GateStreamClientOptions,
  operation: string,
): Promise<AxiosResponse> {
  const fault = options.faults?.decide(streamFaultCandidates(operation), options.actor, operation);
  switch (fault) {
    case undefined:
      return deliver(config);
    case 'connection-reset':
      throw new AxiosError('read ECONNRESET', 'ECONNRESET', config);
    case 'client-timeout':
      throw unknown(new AxiosError(`timeout of ${config.timeout ?? 0}ms exceeded`, 'ECONNABORTED', config));
    case 'http-latency': {
      const ms = options.faults!.latency();
      options.clock?.advance(ms);
      if (config.timeout && ms >= config.timeout) {
        await deliver(config).catch(() => undefined);
        throw unknown(new AxiosError(`timeout of ${config.timeout}ms exceeded`, 'ECONNABORTED', config));
      }
      return deliver(config);
    }
    case 'response-lost':
      await deliver(config).catch(() => undefined);
      throw unknown(new AxiosError('socket hang up', 'ECONNRESET', config));
    default: {
      config.headers.set(FAULT_HEADER, fault);
      if (!ANSWER_FAULTS.has(fault)) return deliver(config);
      // Known to have served nothing, whatever the status says: `fail`, with the answer kept for the caller.
      const settled = await deliver(config).then(
        (response) => ({ response }),
        (error: unknown) => ({ error }),
      );
      const status = 'response' in settled ? settled.response.status : (settled.error as AxiosError).response?.status;
      throw new AnswerFault(fault, status, settled);
    }
  }
}

/**
 * How many channels or users a listing answered: the history keeps only a summary of each
 * response, and the full-scan detector (sims/scans) counts the items an actor read from it.
 */
function listedItems(raw: unknown): { items?: number } {
  // The adapter answers before axios parses the body: the data is still the JSON text.
  let data = raw;
  if (typeof raw === 'string' && raw.startsWith('{')) {
    try {
      data = JSON.parse(raw);
    } catch {
      return {};
    }
  }
  if (typeof data !== 'object' || data === null) return {};
  const list = (data as { channels?: unknown; users?: unknown }).channels ?? (data as { users?: unknown }).users;
  return Array.isArray(list) ? { items: list.length } : {};
}

function unknown(error: AxiosError): AxiosError {
  unknownOutcome.add(error);
  return error;
}

/** `/channels/messaging/gym-1/message` -> `/channels/{type}/{id}/message`. */
export function pathTemplate(path: string): string {
  const seg = path.split('/').filter(Boolean);
  if (seg[0] === 'channels' && seg.length >= 2 && seg[1] !== 'delete') {
    seg[1] = '{type}';
    if (seg.length >= 3 && !(seg.length === 3 && seg[2] === 'query')) seg[2] = '{id}';
  } else if (
    (seg[0] === 'users' && seg.length === 2 && seg[1] !== 'delete') ||
    (seg[0] === 'tasks' && seg.length === 2)
  ) {
    seg[1] = '{id}';
  }
  return `/${seg.join('/')}`;
}

/** What the history records: the concrete path, query (no api_key) and JSON body. */
function requestArgs(url: URL, config: InternalAxiosRequestConfig): unknown {
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((config.params ?? {}) as Record<string, unknown>)) {
    if (key !== 'api_key' && value !== undefined) query[key] = value;
  }
  let body: unknown;
  if (typeof config.data === 'string' && config.data !== '') {
    try {
      body = JSON.parse(config.data);
    } catch {
      body = config.data;
    }
  }
  return {
    path: url.pathname,
    ...(Object.keys(query).length > 0 ? { query } : {}),
    ...(body === undefined ? {} : { body }),
  };
}
