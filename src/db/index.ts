export type { Db, DbClient, Queryable, QueryResult } from './db.ts';
export { withTransaction } from './with-transaction.ts';
export { fromPgPool } from './from-pg-pool.ts';
