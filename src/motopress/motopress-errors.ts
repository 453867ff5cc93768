/**
 * What can go wrong talking to a hotel's MotoPress API, as types the sync can branch on (`kind`
 * or instanceof) instead of parsing messages. The split follows what the caller should do:
 * - config: our own options are wrong; fix the tenant's settings;
 * - auth: the key is wrong or lacks rights (401/403); retrying cannot help, an admin must act;
 * - request: any other refusal (4xx, unexpected status), e.g. `rest_no_route` when the plugin is
 *   deactivated or the permalinks were reset; a bug or a misconfigured site;
 * - protocol: a 200 that is not the JSON shape the plugin sends (an HTML page from a cache, CDN,
 *   security or maintenance plugin, PHP notices, a changed schema); never "no items";
 * - unavailable: transient failures that outlasted every retry (a JSON body cut short among
 *   them); try the next sync.
 * Auth, request and protocol messages end with the likely cause in parentheses.
 * Messages name the request as `GET /wp-json/...?query` and never carry credentials.
 */

export type MotopressErrorKind = 'config' | 'auth' | 'request' | 'protocol' | 'unavailable';

export class MotopressError extends Error {
  readonly kind: MotopressErrorKind;
  constructor(kind: MotopressErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
    this.name = new.target.name;
  }
}

export class MotopressConfigError extends MotopressError {
  constructor(message: string) {
    super('config', `MotoPress client config: ${message}`);
  }
}

/** The WordPress error body `{code, message}` when there was one. */
export interface WpErrorInfo {
  code: string | undefined;
  message: string | undefined;
}

function describeWp(status: number, wp: WpErrorInfo): string {
  const detail = [wp.code, wp.message].filter((s) => s !== undefined && s !== '').join(' ');
  return detail === '' ? `HTTP ${status}` : `HTTP ${status} ${detail}`;
}

/**
 * What an operator reading the error should check: the sync stops for the tenant on these (no
 * retry can help), so the message carries the likely cause instead of a bare status.
 */
function authHint(status: number, wp: WpErrorInfo): string {
  if (status === 401) return 'was the API key revoked or changed?';
  return wp.code === undefined
    ? 'not WordPress answering: a firewall or security plugin blocked the request?'
    : "the key's user lacks the capability";
}

/** WordPress has no `/mphb/v1` route: the plugin is off or the REST API's rewrite rules are gone. */
export const NO_ROUTE_HINT = 'is the MotoPress Hotel Booking plugin active and are permalinks set?';

export class MotopressAuthError extends MotopressError {
  readonly status: number;
  readonly code: string | undefined;
  readonly request: string;
  constructor(request: string, status: number, wp: WpErrorInfo) {
    super('auth', `MotoPress refused the API key on ${request}: ${describeWp(status, wp)} (${authHint(status, wp)})`);
    this.status = status;
    this.code = wp.code;
    this.request = request;
  }
}

export class MotopressRequestError extends MotopressError {
  readonly status: number;
  readonly code: string | undefined;
  readonly request: string;
  constructor(request: string, status: number, wp: WpErrorInfo) {
    const hint = status === 404 && wp.code === 'rest_no_route' ? ` (${NO_ROUTE_HINT})` : '';
    super('request', `MotoPress rejected ${request}: ${describeWp(status, wp)}${hint}`);
    this.status = status;
    this.code = wp.code;
    this.request = request;
  }
}

export class MotopressProtocolError extends MotopressError {
  readonly request: string;
  constructor(request: string, problem: string) {
    super('protocol', `MotoPress answered ${request} with ${problem}`);
    this.request = request;
  }
}

export class MotopressUnavailableError extends MotopressError {
  readonly request: string;
  readonly attempts: number;
  /** The last HTTP status, when the last attempt got an answer. */
  readonly lastStatus: number | undefined;
  constructor(request: string, attempts: number, last: { status?: number; error?: string }, options?: ErrorOptions) {
    const what = last.status !== undefined ? `HTTP ${last.status}` : (last.error ?? 'unknown failure');
    super(
      'unavailable',
      `MotoPress unavailable for ${request}: ${what} after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
      options,
    );
    this.request = request;
    this.attempts = attempts;
    this.lastStatus = last.status;
  }
}
