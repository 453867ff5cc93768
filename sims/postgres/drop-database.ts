// Dropping a test database must not cost what DROP ... WITH (FORCE) costs (~100 ms: the
// server terminates backends and polls for them at 100 ms intervals; performance-anchors 2).
// So: wait briefly for connections to go away, drop normally, and only force as a fallback.
import pg from 'pg';
import type { PostgresServer } from './postgres-server.ts';
import { waitForNoConnections } from './wait-for-no-connections.ts';

const graceMs = 250;
const objectInUse = '55006';

export async function dropDatabase(server: Pick<PostgresServer, 'adminUrl' | 'version'>, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    const database = client.escapeIdentifier(name);
    if (await waitForNoConnections(client, name, graceMs)) {
      try {
        await client.query(`DROP DATABASE IF EXISTS ${database}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== objectInUse) throw error;
      }
    }
    if (server.version >= 13) {
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    } else {
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      await client.query(`DROP DATABASE IF EXISTS ${database}`);
    }
  } finally {
    await client.end();
  }
}
