/**
 * Read-only client for one hotel's MotoPress Hotel Booking REST API (`/wp-json/mphb/v1`), the
 * source side of the hotel sync (incident E). Rules it follows, from the MotoPress reference:
 * - lists page with `orderby=id&order=asc` (the default post_date order has ties and drifts),
 *   follow the LATEST `X-WP-TotalPages`, stop at `[]` (a page past the end is `200 []`), and
 *   de-duplicate by id, keeping the first copy: posts appearing mid-listing shift items onto the
 *   next page;
 * - HTTP Basic auth with the consumer key/secret (never query params: they would end up in
 *   logs and in the plugin's own `Link` headers);
 * - host failures (429/5xx, dropped connections, our timeout) are retried with the backoff
 *   planned in backoff.ts, sleeping on the injected clock;
 * - a 404 on an item is "gone" only when the plugin says so (`mphb_rest_invalid_*_id`): a
 *   `rest_no_route` 404 means the plugin is missing, which must not read as "every unit deleted".
 * Production's other answers, retry or stop (a stop throws, so sync-all stops that tenant with
 * the cause in the message; the next scheduled sync is the retry):
 * - 401 (key revoked) and 403 (the key's user lacks rights, or a firewall's HTML page): stop,
 *   MotopressAuthError; an admin must act, and retrying a refused key only feeds the firewall;
 * - 404 `rest_no_route` (plugin deactivated, permalinks reset): stop, MotopressRequestError;
 * - a 2xx HTML page (cache, CDN, security or maintenance plugin): stop, MotopressProtocolError.
 *   Those plugins answer that way for minutes or hours, and the page is never read as a page of
 *   no items: an empty listing would make the sync confirm every stored row as gone;
 * - a 2xx JSON body cut short (it opens with `[` or `{` and ends before it closes: PHP killed
 *   mid-output, a proxy's buffer): retried like a dropped connection, since the next answer is
 *   usually whole; MotopressUnavailableError when every attempt was cut.
 */
import type { Clock } from '../clock.ts';
import { isCutShortJson } from './cut-short-json.ts';
import {
  isRetryableStatus,
  isTransientError,
  nextRetryDelayMs,
  parseRetryAfterMs,
  type TransientError,
} from './backoff.ts';
import {
  MotopressAuthError,
  MotopressConfigError,
  MotopressProtocolError,
  MotopressRequestError,
  MotopressUnavailableError,
  type WpErrorInfo,
} from './motopress-errors.ts';
import {
  parseAccommodation,
  parseAccommodationType,
  parseBooking,
  ShapeError,
  type MotopressAccommodation,
  type MotopressAccommodationType,
  type MotopressBooking,
} from './motopress-types.ts';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface MotopressClientOptions {
  /** WordPress site root, e.g. https://hotel.fake (no trailing /wp-json). */
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  fetch: FetchLike;
  clock: Clock;
  /** 1..100, default 100. */
  perPage?: number;
  /** Per request, default 5. */
  maxAttempts?: number;
  /** Per attempt, default 30000. */
  timeoutMs?: number;
}

const API = '/wp-json/mphb/v1';

/** One answered request: the body is read inside the attempt, so a body cut short is retried too. */
interface Answer {
  request: string;
  status: number;
  /** A 2xx (fetch's `ok`). */
  ok: boolean;
  headers: Headers;
  text: string;
  /** The parsed body of a 2xx, when it is JSON (parsed once, in the attempt). */
  json?: { value: unknown };
}

export class MotopressClient {
  readonly #base: string;
  readonly #authorization: string;
  readonly #secrets: string[];
  readonly #fetch: FetchLike;
  readonly #clock: Clock;
  readonly #perPage: number;
  readonly #maxAttempts: number;
  readonly #timeoutMs: number;

  constructor(options: MotopressClientOptions) {
    this.#base = siteRoot(options.baseUrl);
    const key = options.consumerKey;
    const secret = options.consumerSecret;
    if (typeof key !== 'string' || key.trim() === '' || key.includes(':'))
      throw new MotopressConfigError('consumerKey must be a non-empty string without ":"');
    if (typeof secret !== 'string' || secret.trim() === '')
      throw new MotopressConfigError('consumerSecret must be a non-empty string');
    const token = Buffer.from(`${key}:${secret}`).toString('base64');
    this.#authorization = `Basic ${token}`;
    this.#secrets = [secret, token, key];
    this.#fetch = options.fetch;
    this.#clock = options.clock;
    this.#perPage = intOption('perPage', options.perPage, 100, 1, 100);
    this.#maxAttempts = intOption('maxAttempts', options.maxAttempts, 5, 1, 100);
    this.#timeoutMs = intOption('timeoutMs', options.timeoutMs, 30_000, 1, 3_600_000);
  }

  listAccommodationTypes(): Promise<MotopressAccommodationType[]> {
    return this.#list('accommodation_types', parseAccommodationType);
  }

  listAccommodations(): Promise<MotopressAccommodation[]> {
    return this.#list('accommodations', parseAccommodation);
  }

  listBookings(): Promise<MotopressBooking[]> {
    return this.#list('bookings', parseBooking);
  }

  /** The unit, or undefined when MotoPress says the id does not exist (404 "Invalid ID."). */
  getAccommodation(id: number): Promise<MotopressAccommodation | undefined> {
    return this.#item('accommodations', id, parseAccommodation);
  }

  /** The booking, or undefined when MotoPress says the id does not exist. */
  getBooking(id: number): Promise<MotopressBooking | undefined> {
    return this.#item('bookings', id, parseBooking);
  }

  async #item<T>(resource: string, id: number, parse: (raw: unknown, path: string) => T): Promise<T | undefined> {
    if (!Number.isInteger(id) || id < 1) throw new RangeError(`${resource} id must be a positive integer, got ${id}`);
    const answer = await this.#get(`/${resource}/${id}`, new URLSearchParams());
    // Stryker disable next-line StringLiteral: any stand-in for a missing code fails the id pattern alike
    if (answer.status === 404 && /^mphb_rest_invalid_.*_id$/.test(this.#wpError(answer.text).code ?? ''))
      return undefined;
    const body = this.#json(answer);
    return this.#shape(answer, () => parse(body, 'body'));
  }

  async #list<T extends { id: number }>(resource: string, parse: (raw: unknown, path: string) => T): Promise<T[]> {
    const byId = new Map<number, T>();
    for (let page = 1; ; page += 1) {
      const params = new URLSearchParams({
        orderby: 'id',
        order: 'asc',
        per_page: String(this.#perPage),
        page: String(page),
      });
      const answer = await this.#get(`/${resource}`, params);
      const body = this.#json(answer);
      if (!Array.isArray(body))
        throw new MotopressProtocolError(
          answer.request,
          `a JSON ${body === null ? 'null' : typeof body} instead of an array`,
        );
      let sawNew = false;
      body.forEach((raw: unknown, i) => {
        const item = this.#shape(answer, () => parse(raw, `[${i}]`));
        if (byId.has(item.id)) return;
        byId.set(item.id, item);
        sawNew = true;
      });
      if (body.length === 0) break;
      const totalPages = Number(answer.headers.get('x-wp-totalpages') ?? NaN);
      if (Number.isInteger(totalPages)) {
        if (page >= totalPages) break;
        continue;
      }
      // No totals (a proxy dropped the header): a short page is the last one.
      if (body.length < this.#perPage) break;
      if (!sawNew)
        throw new MotopressProtocolError(
          answer.request,
          'no X-WP-TotalPages and a page of items already seen (is `page` ignored?)',
        );
    }
    return [...byId.values()].sort((a, b) => a.id - b.id);
  }

  /** GET with retries. Returns any non-retryable answer; throws Unavailable when attempts run out. */
  async #get(path: string, params: URLSearchParams): Promise<Answer> {
    const url = new URL(`${this.#base}${API}${path}`);
    url.search = params.toString();
    const request = `GET ${url.href}`;
    for (let attempt = 1; ; attempt += 1) {
      let last: { status?: number; error?: string };
      let cause: unknown;
      let retryAfterMs: number | undefined;
      try {
        const response = await this.#fetch(url.href, {
          method: 'GET',
          headers: { Authorization: this.#authorization, Accept: 'application/json' },
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
        const text = await response.text();
        const { status, ok, headers } = response;
        const answer: Answer = { request, status, ok, headers, text };
        if (ok) {
          answer.json = parseJson(text);
          // Stryker disable next-line ConditionalExpression: a body JSON.parse took is never cut short (its last bracket closes it); this only skips the scan
          if (answer.json === undefined && isCutShortJson(text))
            last = { error: `a JSON body cut short (HTTP ${response.status}, ${text.length} characters)` };
          else return answer;
        } else if (!isRetryableStatus(response.status)) {
          return answer;
        } else {
          last = { status: response.status };
          retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), this.#clock.now());
        }
      } catch (error) {
        if (!isTransientError(error)) throw error;
        last = { error: this.#redact(describeError(error)) };
        cause = error;
      }
      const delay = nextRetryDelayMs(attempt, this.#maxAttempts, retryAfterMs);
      if (delay === undefined)
        throw new MotopressUnavailableError(request, attempt, last, cause === undefined ? undefined : { cause });
      await this.#clock.sleep(delay);
    }
  }

  /** The parsed JSON of a 2xx answer; any other status becomes the matching error. */
  #json(answer: Answer): unknown {
    const { request, status, text } = answer;
    if (status === 401 || status === 403) throw new MotopressAuthError(request, status, this.#wpError(text));
    if (!answer.ok) throw new MotopressRequestError(request, status, this.#wpError(text));
    if (answer.json !== undefined) return answer.json.value;
    const type = answer.headers.get('content-type') ?? 'no content-type';
    const start = this.#redact(text.slice(0, 60).replace(/\s+/g, ' '));
    const html = /^\s*</.test(text) ? ` (${HTML_HINT})` : '';
    throw new MotopressProtocolError(
      request,
      `a non-JSON body (HTTP ${status}, ${type}): ${JSON.stringify(start)}${html}`,
    );
  }

  /** Runs a shape check; a mismatch is the server's fault, reported against the request. */
  #shape<T>(answer: Answer, check: () => T): T {
    try {
      return check();
    } catch (error) {
      // The parsers throw nothing else: this keeps a bug in one from reading as the server's fault.
      // Stryker disable next-line ConditionalExpression: equivalent while the parsers throw only ShapeError
      if (error instanceof ShapeError)
        throw new MotopressProtocolError(answer.request, `an unexpected shape: ${this.#redact(error.message)}`);
      throw error;
    }
  }

  #wpError(text: string): WpErrorInfo {
    const body = parseJson(text)?.value;
    const o = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const code = typeof o.code === 'string' ? this.#redact(o.code) : undefined;
    const message =
      typeof o.message === 'string' ? this.#redact(o.message.replace(/<[^>]*>/g, '').slice(0, 300)) : undefined;
    return { code, message };
  }

  /** Defence in depth: nothing the server or fetch says may echo our credentials into a message. */
  #redact(text: string): string {
    return this.#secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  }
}

const HTML_HINT = 'an HTML page: a cache, CDN, security or maintenance plugin answering for the REST API?';

/** The body as JSON (a leading BOM ignored), or undefined when it is not JSON. */
function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch {
    return undefined;
  }
}

function siteRoot(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new MotopressConfigError('baseUrl must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new MotopressConfigError(`baseUrl must be http or https, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '')
    throw new MotopressConfigError('baseUrl must not carry credentials (use consumerKey/consumerSecret)');
  if (url.search !== '' || url.hash !== '') throw new MotopressConfigError('baseUrl must not have a query or fragment');
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/wp-json$/i.test(path)) throw new MotopressConfigError('baseUrl is the site root, without /wp-json');
  return `${url.origin}${path}`;
}

function intOption(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new MotopressConfigError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  return value;
}

function describeError(e: TransientError): string {
  const code = typeof e.cause === 'object' && e.cause !== null && 'code' in e.cause ? ` (${String(e.cause.code)})` : '';
  return `${String(e.name)}: ${String(e.message)}${code}`;
}
