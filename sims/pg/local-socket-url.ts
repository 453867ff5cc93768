/**
 * The same database through the server's Unix socket, when the server is on this machine and
 * has one: a statement's round trip over a socket skips the loopback TCP stack, and a case is
 * mostly round trips (on the loaded 2-core VM, 0.4-2 ms per query over TCP against 0.4-0.6x that
 * over the socket, interleaved). Only for the embedded server, whose trust authentication
 * covers socket connections; a DATABASE_URL server's socket may ask for peer or password
 * authentication instead, so its TCP URL is kept.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

interface ShowClient {
  query(text: string): Promise<{ rows: Array<Record<string, unknown>> }>;
}

export async function localSocketUrl(url: string, client: ShowClient): Promise<string> {
  const { rows } = await client.query(
    "SELECT current_setting('unix_socket_directories') AS dirs, current_setting('port') AS port",
  );
  const dirs = typeof rows[0]?.['dirs'] === 'string' ? rows[0]['dirs'] : '';
  const port = typeof rows[0]?.['port'] === 'string' ? rows[0]['port'] : '';
  for (const dir of dirs.split(',').map((entry) => entry.trim())) {
    if (dir === '' || !existsSync(join(dir, `.s.PGSQL.${port}`))) continue;
    const parsed = new URL(url);
    parsed.searchParams.set('host', dir);
    return parsed.toString();
  }
  return url;
}
