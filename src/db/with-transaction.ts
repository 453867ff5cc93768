import type { Db, DbClient } from './db.ts';

/**
 * Run `work` inside BEGIN/COMMIT on one connection. On any error the transaction is rolled
 * back and the connection returned; if the rollback itself fails the connection is destroyed,
 * because its state is unknown.
 */
export async function withTransaction<T>(db: Db, work: (tx: DbClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch {
      client.release(true);
    }
    throw error;
  }
}
