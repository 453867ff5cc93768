/**
 * What one case left behind, as plain data a differential run compares: every table's rows
 * (all ordinary tables outside the system schemas, as jsonb so every type compares as text
 * does), the fakes' state (what the scenario's `differential.state(world)` returns), the
 * session files, what each actor returned or threw, and which invariants broke.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '../../src/db/db.ts';
import type { HistoryEvent } from '../history/history.ts';
import type { Violation } from '../invariants/invariant.ts';

export interface CaseState {
  /** Per actor: `ok` with what run() resolved to, `fail` with its error, `info` for a crash. */
  actors: Record<string, { outcome: string; result?: unknown; error?: string }>;
  /** Table (schema.name) -> rows, in no particular order (compare-states sorts them). */
  pg: Record<string, Array<Record<string, unknown>>>;
  fakes: unknown;
  /** Relative path -> content (parsed when it is JSON). */
  files: Record<string, unknown>;
  /** The invariants the case broke, by name (their messages may hold generated ids). */
  invariants: string[];
}

export async function readTables(db: Queryable): Promise<CaseState['pg']> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'syncsim') AND n.nspname NOT LIKE 'pg_%'
      ORDER BY 1`,
  );
  const out: CaseState['pg'] = {};
  for (const { name } of tables) {
    const { rows } = await db.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM ${name} t`);
    out[name] = rows.map((r) => r.row);
  }
  return out;
}

export async function readFiles(dir: string, prefix = ''): Promise<CaseState['files']> {
  const out: CaseState['files'] = {};
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const name = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) Object.assign(out, await readFiles(dir, name));
    else out[name] = parseIfJson(await readFile(join(dir, name), 'utf8'));
  }
  return out;
}

export function actorOutcomes(history: readonly HistoryEvent[]): CaseState['actors'] {
  const out: CaseState['actors'] = {};
  for (const event of history) {
    if (event.system !== 'actor' || event.type === 'invoke') continue;
    out[event.actor] = {
      outcome: event.type,
      ...(event.result !== undefined ? { result: event.result } : {}),
      ...(event.error !== undefined ? { error: event.error } : {}),
    };
  }
  return out;
}

export function brokenInvariants(violations: readonly Violation[]): string[] {
  return [...new Set(violations.map((v) => v.invariant))].sort();
}

function parseIfJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
