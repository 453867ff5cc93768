/**
 * The plugin's key authentication (api-authentication.php), which runs only for URLs under
 * `/wp-json/mphb/`: query `consumer_key`/`consumer_secret` are checked first, then HTTP Basic.
 * - no credentials, or an unknown key: no user (the route later answers 401
 *   `mphb_rest_cannot_view`); with Application Passwords in use an unknown Basic user is WP's
 *   401 `invalid_username` instead;
 * - a known key with the wrong secret: 401 `mphb_rest_authentication_error` "Consumer secret is
 *   invalid.";
 * - a key without read (GET/HEAD) or write (other methods) permission: 401 "The API key provided
 *   does not have read/write permissions." (OPTIONS is always allowed).
 * Every 401 after key credentials were offered carries the plugin's `WWW-Authenticate` header.
 *
 * Divergence: the real plugin accepts key auth over HTTPS only (OAuth 1.0a over plain HTTP); the
 * fake accepts it on any scheme so the standalone server on http://127.0.0.1 is usable.
 */
import type { ApiKey, MotopressFake } from './motopress-fake.ts';
import { WpError } from './wp-error.ts';

export const WWW_AUTHENTICATE =
  'Basic realm="MotoPress Hotel Booking API. Use a consumer key in the username field and a consumer secret in the password field."';

export type Identity = { kind: 'anonymous' } | { kind: 'key'; key: ApiKey };

export function checkAuth(fake: MotopressFake, request: Request, url: URL): Identity {
  const offered = credentials(request, url);
  if (!offered) return { kind: 'anonymous' };
  const key = fake.keys.find((k) => k.consumerKey === offered.key);
  const challenge = { 'WWW-Authenticate': WWW_AUTHENTICATE };
  if (!key) {
    if (fake.applicationPasswords && offered.source === 'basic') {
      throw new WpError(
        401,
        'invalid_username',
        '<strong>Error</strong>: Unknown username. Check again or try your email address.',
        {},
        challenge,
      );
    }
    return { kind: 'anonymous' };
  }
  if (key.consumerSecret !== offered.secret)
    throw new WpError(401, 'mphb_rest_authentication_error', 'Consumer secret is invalid.', {}, challenge);
  const method = request.method.toUpperCase();
  if (method === 'OPTIONS') return { kind: 'key', key };
  const needs = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  if (key.permission !== 'read_write' && key.permission !== needs) {
    throw new WpError(
      401,
      'mphb_rest_authentication_error',
      `The API key provided does not have ${needs} permissions.`,
      {},
      challenge,
    );
  }
  return { kind: 'key', key };
}

function credentials(
  request: Request,
  url: URL,
): { key: string; secret: string; source: 'query' | 'basic' } | undefined {
  const qKey = url.searchParams.get('consumer_key');
  const qSecret = url.searchParams.get('consumer_secret');
  if (qKey && qSecret) return { key: qKey, secret: qSecret, source: 'query' };
  const header = request.headers.get('authorization') ?? '';
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1), source: 'basic' };
}
