// The major version decides SQL we may use (CREATE DATABASE ... STRATEGY needs 15+), so
// every provider asks the server itself rather than trusting an image tag or a package name.
import pg from 'pg';

/** server_version_num / 10000, e.g. 18 for 180004. */
export async function queryServerVersion(url: string): Promise<number> {
  // Bounded: an unreachable host (a firewall that drops packets) must fail, not hang the run.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    const num = Number(rows[0]?.v);
    if (!Number.isFinite(num)) throw new Error(`unexpected server_version_num ${String(rows[0]?.v)}`);
    return Math.floor(num / 10000);
  } finally {
    await client.end();
  }
}
