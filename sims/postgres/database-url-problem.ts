// DATABASE_URL is checked before anything connects, so a typo is one line naming the problem
// instead of "TypeError: Invalid URL" from deep inside a connect. The value is never echoed: it
// usually holds a password.

/** Why `url` cannot be a Postgres connection URL, or undefined when it can. */
export function databaseUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database)';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    return `DATABASE_URL must start with postgres:// or postgresql://, not ${parsed.protocol}//`;
  if (parsed.hostname === '')
    return 'DATABASE_URL names no host (expected postgres://user:password@host:5432/database)';
  if (parsed.port !== '' && Number(parsed.port) === 0) return 'DATABASE_URL has port 0';
  try {
    decodeURIComponent(parsed.username + parsed.password + parsed.pathname);
  } catch {
    return 'DATABASE_URL has a malformed %-escape in its user, password or database';
  }
  return undefined;
}
