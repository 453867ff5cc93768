/**
 * Postgres sequential scans over large tables, found from the plan of every statement the
 * declared actors ran (the history holds each one). Why not pg_stat_user_tables deltas: the
 * statistics are flushed to the shared counters asynchronously, so what a delta shows would
 * depend on timing. The plan is asked for with `enable_seqscan = off`, under which Postgres
 * still scans sequentially only when no index can serve the statement: the answer then does
 * not depend on the planner's statistics either (which autovacuum changes when it likes).
 * GENERIC_PLAN (Postgres 16+) plans the statement as written, with its `$n` parameters.
 * A table's size is its exact row count when the case is checked.
 */
import type { Queryable } from '../../src/db/db.ts';
import type { HistoryEvent } from '../history/history.ts';
import type { FullScan } from './full-scan.ts';
import { coversActor, type ScanDeclaration } from './scan-declaration.ts';

const PLANNABLE = /^\s*(select|update|delete|with)\b/i;

export async function pgSeqScans(
  db: Queryable,
  history: readonly HistoryEvent[],
  declared: ScanDeclaration['pg'] | undefined,
): Promise<FullScan[]> {
  if (!declared) return [];
  // Before 16 every EXPLAIN below would fail and be skipped: a check that can never fire. Say so.
  const version = await db.query<{ server_version_num: string }>('SHOW server_version_num');
  const number = Number(version.rows[0]?.server_version_num ?? 0);
  if (number < 160_000)
    throw new Error(
      `the scenario declares scans.pg, which needs Postgres 16 or later (EXPLAIN GENERIC_PLAN); this server is ${number}`,
    );
  const found: FullScan[] = [];
  const seen = new Set<string>();
  const rowCounts = new Map<string, number>();
  for (const event of history) {
    if (event.type !== 'invoke' || event.system !== 'pg' || !coversActor(declared.actors, event.actor)) continue;
    const sql = (event.args as { sql?: unknown } | undefined)?.sql;
    if (typeof sql !== 'string' || !PLANNABLE.test(sql) || sql.includes(';')) continue;
    const key = `${event.actor}\u0000${sql}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const table of await seqScannedTables(db, sql)) {
      if (!rowCounts.has(table)) rowCounts.set(table, await rowCount(db, table));
      const rows = rowCounts.get(table)!;
      if (rows >= declared.minRows) found.push({ kind: 'pg', actor: event.actor, table, rows, sql });
    }
  }
  return found;
}

/** Tables the statement's plan reads with a Seq Scan; none when it cannot be planned (a temp table gone). */
async function seqScannedTables(db: Queryable, sql: string): Promise<string[]> {
  let results: unknown;
  try {
    // One simple-protocol query is one implicit transaction: SET LOCAL ends with it, and an
    // error rolls it back without leaving the connection in a failed transaction.
    results = await db.query(`SET LOCAL enable_seqscan = off; EXPLAIN (FORMAT JSON, GENERIC_PLAN) ${sql}`);
  } catch {
    return [];
  }
  const last: unknown = Array.isArray(results) ? (results as unknown[])[results.length - 1] : results;
  const plan: unknown = (last as { rows?: { 'QUERY PLAN'?: unknown }[] }).rows?.[0]?.['QUERY PLAN'];
  const tables = new Set<string>();
  collectSeqScans(Array.isArray(plan) ? (plan[0] as { Plan?: unknown })?.Plan : undefined, tables);
  return [...tables].sort();
}

function collectSeqScans(node: unknown, into: Set<string>): void {
  if (typeof node !== 'object' || node === null) return;
  const plan = node as { 'Node Type'?: string; 'Relation Name'?: string; Schema?: string; Plans?: unknown[] };
  if (plan['Node Type'] === 'Seq Scan' && plan['Relation Name'])
    into.add(`${plan.Schema ?? 'public'}.${plan['Relation Name']}`);
  for (const child of plan.Plans ?? []) collectSeqScans(child, into);
}

async function rowCount(db: Queryable, table: string): Promise<number> {
  const [schema, name] = table.split('.') as [string, string];
  const quoted = `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;
  const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted}`);
  return Number(result.rows[0]?.n ?? 0);
}
