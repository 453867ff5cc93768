// CREATE DATABASE ... TEMPLATE and plain DROP DATABASE both refuse (after polling for up to
// 5 s in 100 ms steps inside the server) while another session is connected. A client that
// just called end() leaves a backend that needs a moment to exit, so poll for it here in
// 5 ms steps instead of paying the server's 100 ms step or its 5 s give-up.
import type pg from 'pg';

const stepMs = 5;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True once no other session is connected to `database`; false if some still are after ~timeoutMs. */
export async function waitForNoConnections(
  client: pg.ClientBase,
  database: string,
  timeoutMs: number,
): Promise<boolean> {
  for (let waited = 0; ; waited += stepMs) {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    if ((rows[0]?.n ?? 0) === 0) return true;
    if (waited >= timeoutMs) return false;
    await sleep(stepMs);
  }
}
