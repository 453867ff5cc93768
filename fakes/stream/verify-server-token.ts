/**
 * Stream's server auth: `Authorization: <raw JWT>` (no `Bearer `), HS256 over `{"server":true}`
 * signed with the app secret, plus `stream-auth-type: jwt`. The signature is checked with a
 * constant-time compare; anything else is 401 code 5, as the real API answers.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { authError, StreamError } from './stream-error.ts';

export function verifyServerToken(
  headers: { authorization: string | null; authType: string | null },
  secret: string,
): void {
  if (headers.authType !== 'jwt') throw authError('stream-auth-type missing or invalid');
  const token = headers.authorization;
  if (!token) throw authError('missing authorization token');
  const parts = token.split('.');
  if (parts.length !== 3) throw authError('JWT auth failed: token is malformed');
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw authError('JWT auth failed: signature is invalid');
  let alg: unknown;
  let claims: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw authError('JWT auth failed: token is malformed');
  }
  if (alg !== 'HS256') throw authError('JWT auth failed: algorithm must be HS256');
  if (typeof claims !== 'object' || claims === null || (claims as { server?: unknown }).server !== true) {
    throw new StreamError(401, 5, 'JWT auth failed: a server token is required for this request');
  }
}

/** The token a server-side SDK sends (for tests and raw HTTP callers). */
export function signServerToken(secret: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ server: true })).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
