/**
 * The database handle every src/ module receives. It is the part of node-postgres' Pool that
 * the modules use, so production passes a real `pg.Pool` (through `fromPgPool`) and the
 * simulation passes a gated pool whose every query is released by the scheduler.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number | null;
}

export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

/** A connection checked out of the pool: transactions need one connection for all statements. */
export interface DbClient extends Queryable {
  /** Return the connection; pass an error (or true) to destroy it instead of reusing it. */
  release(destroy?: Error | boolean): void;
}

export interface Db extends Queryable {
  connect(): Promise<DbClient>;
}
