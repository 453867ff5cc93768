import type { Db, DbClient, QueryResult } from './db.ts';

/** The structural part of pg.Pool / pg.PoolClient that `Db` needs; avoids importing pg here. */
interface PgQueryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}
interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(destroy?: Error | boolean): void }>;
}

/** Adapt a real node-postgres Pool (production) to the `Db` interface. */
export function fromPgPool(pool: PgPoolLike): Db {
  const query =
    (target: PgQueryable) =>
    async <R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
      const result = await target.query(text, params ? [...params] : undefined);
      return { rows: result.rows as R[], rowCount: result.rowCount };
    };
  return {
    query: query(pool),
    async connect(): Promise<DbClient> {
      const client = await pool.connect();
      return { query: query(client), release: (destroy) => client.release(destroy) };
    },
  };
}
