/**
 * A CaseState as a flat map of paths to JSON leaves, e.g. `pg.public.chat_rooms[3].last_message_at`
 * or `fakes[0].bookings[2].status`, so two states compare leaf by leaf and a difference has an
 * address (`.length` of every array and `.rows` of every table are leaves too, so a missing row
 * is first reported as a count). Table rows have no order: they are sorted by their text once the ignored columns are
 * dropped (a generated id must not reorder the rows it is ignored in).
 */
import type { CaseState } from './case-state.ts';
import { ignoredBy, type IgnoreRules } from './ignore-rules.ts';

/** Sections in the order a report names the first divergence: what actors saw first. */
export const SECTIONS = ['actors', 'pg', 'fakes', 'files', 'invariants'] as const;

export function statePaths(state: CaseState, ignore: IgnoreRules): Map<string, string> {
  const out = new Map<string, string>();
  const leaf = (path: string, value: unknown) => {
    if (!ignoredBy(ignore, path)) out.set(path, JSON.stringify(value));
  };
  const walk = (path: string, value: unknown): void => {
    if (ignoredBy(ignore, path)) return;
    if (Array.isArray(value)) {
      // The length first: "2 rows vs none" reads better than the first missing cell.
      leaf(`${path}.length`, value.length);
      value.forEach((item, i) => walk(`${path}[${i}]`, item));
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value).sort();
      if (keys.length === 0) leaf(path, {});
      for (const key of keys) walk(`${path}.${key}`, (value as Record<string, unknown>)[key]);
    } else leaf(path, value);
  };
  walk('actors', state.actors);
  for (const table of Object.keys(state.pg).sort()) {
    const rows = state.pg[table]!.map((row) => {
      const kept: Record<string, unknown> = {};
      for (const column of Object.keys(row).sort())
        if (!ignoredBy(ignore, `pg.${table}[*].${column}`)) kept[column] = row[column];
      return JSON.stringify(kept);
    }).sort();
    leaf(`pg.${table}.rows`, rows.length);
    rows.forEach((row, i) => walk(`pg.${table}[${i}]`, JSON.parse(row)));
  }
  walk('fakes', state.fakes);
  walk('files', state.files);
  walk('invariants', state.invariants);
  return out;
}
