/**
 * The plugin's OAuth 1.0a "one-legged" check (ApiAuthentication::performOauthAuthentication,
 * as in WooCommerce's REST authentication), which the plugin runs whenever Basic/query keys gave no
 * user: always over plain HTTP, and over HTTPS too.
 * - parameters: $_GET merged with $_POST (form bodies of POST requests only) and then the
 *   `oauth_*` pairs of an `Authorization: OAuth ...` header (values urldecoded);
 * - none of the five required `oauth_*` parameters: not an OAuth request (no user, no error);
 *   some but not all: 401 `mphb_rest_authentication_missing_parameter` "Missing OAuth
 *   parameter(s) ..." in the plugin's order;
 * - then, each a 401 `mphb_rest_authentication_error`: an unknown key "Consumer key is invalid.",
 *   a method other than HMAC-SHA1/HMAC-SHA256 "Invalid signature - signature method is invalid.",
 *   a mismatch "Invalid signature - provided signature does not match.", a timestamp more than
 *   15 minutes from the site's `time()` "Invalid timestamp.", a nonce this key used in the last
 *   15 minutes "Invalid nonce - nonce has already been used.";
 * - no `WWW-Authenticate` on these errors: the plugin adds it only when its last auth method was
 *   Basic, and after OAuth it always goes on to try WP nonces, so the method is never Basic then.
 * Nonces are kept per key as the plugin keeps them, in an array keyed by the request's timestamp:
 * a second request with the same timestamp replaces the first one's nonce, which then becomes
 * usable again (the real site does the same). The site's time is `fake.oauthClock`.
 */
import type { ApiKey, MotopressFake } from './motopress-fake.ts';
import { parsePhpQuery, phpUrlDecode } from './parse-php-query.ts';
import { PhpArray, phpEmpty, type PhpValue } from './php-array.ts';
import { oauthSignature, signatureBaseString } from './oauth-signature.ts';
import { WpError } from './wp-error.ts';

export type OauthOutcome = { kind: 'none' } | { kind: 'error'; error: WpError } | { kind: 'key'; key: ApiKey };

const REQUIRED = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'];
const WINDOW_SECONDS = 15 * 60;

/** `site` is the home URL (scheme, host and port the plugin signs with; the request's scheme wins). */
export async function checkOauth(fake: MotopressFake, request: Request, url: URL, site: string): Promise<OauthOutcome> {
  const params = await oauthParameters(request, url);
  const missing = REQUIRED.filter((name) => phpEmpty(params.get(name)));
  if (missing.length === REQUIRED.length) return { kind: 'none' };
  if (missing.length > 0) {
    const message = `Missing OAuth parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
    return fail(message, 'mphb_rest_authentication_missing_parameter');
  }
  const consumerKey = params.get('oauth_consumer_key');
  const key = fake.keys.find((k) => k.consumerKey === consumerKey);
  if (!key) return fail('Consumer key is invalid.');

  const signed = new PhpArray();
  for (const [name, value] of params.entries()) if (name !== 'oauth_signature') signed.set(name, value);
  const baseUrl = `${url.protocol}//${new URL(site).host}${url.pathname}`;
  const baseString = signatureBaseString({ method: request.method.toUpperCase(), baseUrl, params: signed });
  const method = params.get('oauth_signature_method');
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256')
    return fail('Invalid signature - signature method is invalid.');
  const given = params.get('oauth_signature');
  const expected = oauthSignature(baseString, binary(key.consumerSecret), method);
  if (typeof given !== 'string' || rawUrlDecode(given.replaceAll(' ', '+')) !== expected)
    return fail('Invalid signature - provided signature does not match.');

  const timestamp = params.get('oauth_timestamp')!;
  const now = Math.floor(fake.oauthClock() / 1000);
  if (
    typeof timestamp !== 'string' ||
    lessThan(timestamp, now - WINDOW_SECONDS) ||
    lessThan(now + WINDOW_SECONDS, timestamp)
  )
    return fail('Invalid timestamp.');
  const nonce = params.get('oauth_nonce')!;
  const used = fake.oauthNonces.get(key.consumerKey) ?? new PhpArray();
  if (used.values().includes(nonce)) return fail('Invalid nonce - nonce has already been used.');
  used.set(timestamp, nonce);
  for (const [at] of used.entries()) if (lessThan(at, now - WINDOW_SECONDS)) used.delete(at);
  fake.oauthNonces.set(key.consumerKey, used);
  return { kind: 'key', key };
}

async function oauthParameters(request: Request, url: URL): Promise<PhpArray> {
  const get = parsePhpQuery(url.search.slice(1));
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const post =
    request.method.toUpperCase() === 'POST' && type === 'application/x-www-form-urlencoded'
      ? parsePhpQuery(Buffer.from(await request.clone().arrayBuffer()).toString('latin1'))
      : new PhpArray();
  const params = PhpArray.merge(get, post);
  const header = parseHeader(phpTrim(request.headers.get('authorization') ?? ''));
  return header.size > 0 ? PhpArray.merge(params, header) : params;
}

/** The plugin's parseHeader, regex typo `(:?` included: quoted or bare `oauth_*` values, urldecoded. */
function parseHeader(header: string): PhpArray {
  const params = new PhpArray();
  if (!header.startsWith('OAuth ')) return params;
  for (const m of header.matchAll(/(oauth_[a-z_-]*)=(:?"([^"]*)"|([^,]*))/g)) {
    const quoted = m[3] ?? '';
    params.set(m[1]!, phpUrlDecode(quoted === '' || quoted === '0' ? (m[4] ?? '') : quoted));
  }
  return params;
}

/**
 * PHP 8's `<` between a request string and an int (or an int array key): numerically when the
 * string is numeric (surrounding whitespace allowed), else as strings, the int written in decimal.
 */
function lessThan(a: PhpValue | number, b: PhpValue | number): boolean {
  const [x, y] = [comparable(a, b), comparable(b, a)];
  return x < y;
}

const NUMERIC = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/;

function comparable(value: PhpValue | number, other: PhpValue | number): number | string {
  if (typeof value === 'number') return typeof other === 'string' && !NUMERIC.test(other) ? String(value) : value;
  if (typeof value !== 'string') return Infinity;
  return NUMERIC.test(value) ? Number(value.trim()) : value;
}

/** PHP's trim(): spaces, tabs, newlines, NUL and vertical tab. */
function phpTrim(text: string): string {
  const blank = (char: string | undefined) => char !== undefined && ' \t\n\r\0\x0B'.includes(char);
  let [start, end] = [0, text.length];
  while (start < end && blank(text[start])) start++;
  while (end > start && blank(text[end - 1])) end--;
  return text.slice(start, end);
}

function rawUrlDecode(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function binary(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

function fail(message: string, code = 'mphb_rest_authentication_error'): OauthOutcome {
  return { kind: 'error', error: new WpError(401, code, message) };
}
