/**
 * The plugin's OAuth 1.0a signature (ApiAuthentication::checkOauthSignature, the same code as
 * WooCommerce's check_oauth_signature), byte for byte, because a client is only accepted when its
 * signature matches the one the site computes:
 *
 *   METHOD & rawurlencode(base URL) & join('%26', encode(encode(key) '=' encode(value)))
 *
 * - the parameters are $_GET merged with $_POST and the `Authorization: OAuth` parameters, minus
 *   `oauth_signature`, top-level keys sorted by byte (strcmp), each nested array in the order
 *   its keys arrived;
 * - normalizeParameters encodes top-level keys and all values once; joinWithEqualsSign writes a
 *   nested key as `filter%5Bpost_status%5D` (inner key raw) and then encodes each `key=value`
 *   again, so `filter[post_status]=a,b` signs as `filter%255Bpost_status%255D%3Da%252Cb`;
 * - "encode" is PHP's rawurlencode (RFC 3986: only A-Z a-z 0-9 - _ . ~ stay as they are);
 * - the key is `consumer_secret + "&"` (no token), HMAC-SHA1 or HMAC-SHA256, base64.
 * The method is checked after the base string is built, so a bad method and a bad signature are
 * told apart only by the message. Strings are binary (one char per byte).
 */
import { createHmac } from 'node:crypto';
import { PhpArray, type PhpValue } from './php-array.ts';

export type OauthSignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

export interface SignatureInput {
  /** Upper-cased request method. */
  method: string;
  /** The home URL with the request's scheme, plus the request path: `http://127.0.0.1:4200/wp-json/mphb/v1/bookings`. */
  baseUrl: string;
  /** Every request parameter, `oauth_signature` already removed. */
  params: PhpArray;
}

export function signatureBaseString({ method, baseUrl, params }: SignatureInput): string {
  const sorted = params.entries().sort(([a], [b]) => compareBytes(String(a), String(b)));
  const pairs: string[] = [];
  for (const [key, value] of sorted) joinWithEqualsSign(rawUrlEncode(String(key)), encodeValues(value), pairs);
  return `${method}&${rawUrlEncode(baseUrl)}&${pairs.join('%26')}`;
}

/** base64 HMAC of the base string keyed with `secret&`; `secret` is a binary string. */
export function oauthSignature(baseString: string, secret: string, method: OauthSignatureMethod): string {
  const algorithm = method === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  return createHmac(algorithm, Buffer.from(`${secret}&`, 'latin1'))
    .update(Buffer.from(baseString, 'latin1'))
    .digest('base64');
}

/** PHP's rawurlencode over a binary string. */
export function rawUrlEncode(text: string): string {
  let out = '';
  for (const char of text) {
    if (/[A-Za-z0-9\-_.~]/.test(char)) out += char;
    else out += `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The values encoded, nested keys untouched (array_map over array_values keeps inner keys). */
function encodeValues(value: PhpValue): PhpValue {
  if (typeof value === 'string') return rawUrlEncode(value);
  const encoded = new PhpArray();
  for (const [key, inner] of value.entries()) encoded.set(key, encodeValues(inner));
  return encoded;
}

function joinWithEqualsSign(key: string, value: PhpValue, out: string[]): void {
  if (typeof value === 'string') {
    out.push(rawUrlEncode(`${key}=${value}`));
    return;
  }
  for (const [inner, innerValue] of value.entries()) joinWithEqualsSign(`${key}%5B${inner}%5D`, innerValue, out);
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
