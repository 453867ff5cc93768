/**
 * The plugin's key authentication (api-authentication.php), which runs only for URLs under
 * `/wp-json/mphb/`, in the plugin's order:
 * 1. key auth, which the plugin does only over HTTPS: query `consumer_key`/`consumer_secret`
 *    first, then HTTP Basic. No credentials or an unknown key give no user (the route later
 *    answers 401 `mphb_rest_cannot_view`; with Application Passwords in use an unknown Basic user
 *    is WP's 401 `invalid_username` instead); a known key with the wrong secret is 401
 *    `mphb_rest_authentication_error` "Consumer secret is invalid.";
 * 2. without a user, OAuth 1.0a (check-oauth.ts), over HTTP and HTTPS alike; its error replaces
 *    one from step 1, while a wrong Basic secret still fails the request if OAuth then succeeds
 *    (the plugin keeps the first error and WP reports it);
 * 3. a key without read (GET/HEAD) or write (other methods) permission: 401 "The API key
 *    provided does not have read/write permissions." (OPTIONS is always allowed).
 * A 401 after key credentials were offered carries the plugin's `WWW-Authenticate` header; one
 * after OAuth does not (see check-oauth.ts).
 *
 * Divergence, on purpose: by default the fake accepts key auth on plain HTTP too, so curl and
 * fetch can use the standalone server on http://127.0.0.1; `strictHttps` ignores it there, as
 * the plugin does, leaving OAuth as the only way in.
 */
import { checkOauth } from './check-oauth.ts';
import type { ApiKey, MotopressFake } from './motopress-fake.ts';
import { WpError } from './wp-error.ts';

export const WWW_AUTHENTICATE =
  'Basic realm="MotoPress Hotel Booking API. Use a consumer key in the username field and a consumer secret in the password field."';

export type Identity = { kind: 'anonymous' } | { kind: 'key'; key: ApiKey };

/** `site` is the home URL the OAuth signature is built on. */
export async function checkAuth(fake: MotopressFake, request: Request, url: URL, site: string): Promise<Identity> {
  let user: ApiKey | undefined;
  let error: WpError | undefined;
  let unknownBasicUser = false;
  let viaOauth = false;
  const offered = keyAuthAllowed(fake, url) ? credentials(request, url) : undefined;
  if (offered) {
    const key = fake.keys.find((k) => k.consumerKey === offered.key);
    if (!key) unknownBasicUser = offered.source === 'basic';
    else if (key.consumerSecret !== offered.secret)
      error = new WpError(401, 'mphb_rest_authentication_error', 'Consumer secret is invalid.', {}, CHALLENGE);
    else user = key;
  }
  if (!user) {
    const oauth = await checkOauth(fake, request, url, site);
    if (oauth.kind === 'error') error = oauth.error;
    if (oauth.kind === 'key') [user, viaOauth] = [oauth.key, true];
  }
  if (error) throw error;
  if (!user) {
    if (unknownBasicUser && fake.applicationPasswords) {
      throw new WpError(
        401,
        'invalid_username',
        '<strong>Error</strong>: Unknown username. Check again or try your email address.',
        {},
        CHALLENGE,
      );
    }
    return { kind: 'anonymous' };
  }
  const method = request.method.toUpperCase();
  if (method === 'OPTIONS') return { kind: 'key', key: user };
  const needs = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  if (user.permission !== 'read_write' && user.permission !== needs) {
    throw new WpError(
      401,
      'mphb_rest_authentication_error',
      `The API key provided does not have ${needs} permissions.`,
      {},
      viaOauth ? {} : CHALLENGE,
    );
  }
  return { kind: 'key', key: user };
}

/** Whether Basic and query-string keys count on this request (the plugin: only when is_ssl()). */
export function keyAuthAllowed(fake: MotopressFake, url: URL): boolean {
  return !fake.strictHttps || url.protocol === 'https:';
}

const CHALLENGE = { 'WWW-Authenticate': WWW_AUTHENTICATE };

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
