/**
 * Where two case states differ, leaf by leaf, in report order (actors, Postgres, fakes, files,
 * invariants; paths sorted within each), and the noise two runs of the same variant show.
 */
import type { CaseState } from './case-state.ts';
import { ruleOf, type IgnoreRules } from './ignore-rules.ts';
import { SECTIONS, statePaths } from './state-paths.ts';

export interface Divergence {
  path: string;
  /** JSON of the leaf, or undefined when that side has no such path (a row or field missing). */
  old: string | undefined;
  new: string | undefined;
}

export function compareStates(a: CaseState, b: CaseState, ignore: IgnoreRules): Divergence[] {
  const left = statePaths(a, ignore);
  const right = statePaths(b, ignore);
  const paths = [...new Set([...left.keys(), ...right.keys()])].filter((p) => left.get(p) !== right.get(p));
  const section = (path: string) =>
    SECTIONS.findIndex((s) => path === s || path.startsWith(`${s}.`) || path.startsWith(`${s}[`));
  return paths
    .sort((x, y) => section(x) - section(y) || compareText(x, y))
    .map((path) => ({ path, old: left.get(path), new: right.get(path) }));
}

/**
 * The rules that make two runs of the same case agree: each differing path becomes its rule and
 * the states are compared again, since ignoring a column can re-sort a table's rows. Bounded,
 * because every round adds at least one rule and paths are finite.
 */
export function measureNoise(a: CaseState, b: CaseState, known: IgnoreRules): Set<string> {
  const rules = new Set(known);
  // Columns first, by their values as a multiset: rows are matched by sorting, so a noisy column
  // sorted on would misalign every row and make every column look noisy.
  for (const table of Object.keys(a.pg))
    for (const column of noisyColumns(a.pg[table]!, b.pg[table] ?? [])) rules.add(`pg.${table}[*].${column}`);
  for (let round = 0; round < 50; round++) {
    const differences = compareStates(a, b, rules);
    if (differences.length === 0) break;
    for (const difference of differences) rules.add(ruleOf(difference.path));
  }
  return new Set([...rules].filter((rule) => !known.has(rule)));
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function noisyColumns(a: ReadonlyArray<Record<string, unknown>>, b: ReadonlyArray<Record<string, unknown>>): string[] {
  if (a.length !== b.length) return [];
  const columns = new Set([...a, ...b].flatMap((row) => Object.keys(row)));
  const values = (rows: ReadonlyArray<Record<string, unknown>>, column: string) =>
    JSON.stringify(rows.map((row) => JSON.stringify(row[column])).sort());
  return [...columns].filter((column) => values(a, column) !== values(b, column));
}
