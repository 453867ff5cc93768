/**
 * Planted bugs as mutants of the REAL module: src/motopress runs unchanged, and a wrapper around
 * its Db swaps one statement for what a plausible buggy version would send. The mutant is thus
 * the shipped code with exactly one behaviour changed, which is what a property suite must
 * catch. `rewrite` returns undefined to let a statement through.
 */
import type { Db, DbClient, QueryResult, Queryable } from '../../../../src/db/db.ts';

export type Rewrite = (text: string, params: readonly unknown[], inner: Queryable) => Promise<QueryResult<unknown>> | undefined;

export function mutateDb(db: Db, rewrite: Rewrite): Db {
  const wrap = <Q extends Queryable>(target: Q): Q['query'] =>
    (<R>(text: string, params: readonly unknown[] = []) => (rewrite(text, params, target) ?? target.query(text, params)) as Promise<QueryResult<R>>);
  return {
    query: wrap(db),
    async connect(): Promise<DbClient> {
      const client = await db.connect();
      return { query: wrap(client), release: (destroy) => client.release(destroy) };
    },
  };
}
