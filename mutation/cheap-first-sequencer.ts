/**
 * The mutation run's test file order: cheapest first. Stryker's vitest runner stops a mutant's
 * run at the first failing test (bail 1, one worker), so a mutant a millisecond unit test kills
 * should never wait for a Postgres scenario. vitest's own sequencer does the opposite for a
 * parallel run (failed files first, then the LONGEST first, from its results cache), which for
 * Stryker means every mutant starts with the slowest file it covers. The order here is fixed by
 * path and source, not by a timing cache, so a rerun's order (and time) follows the code only:
 *   0. src/ unit tests (no I/O; milliseconds),
 *   1. scenarios/ example tests (a fake and a Postgres database; ~0.3-1 s a file),
 *   2. the `holds` variants of the module's scenarios (5 cases each, holds-variants.mutation.ts),
 *   3. scenarios/ tests that run generated cases in bulk (`runs: N`): vitest's cache measured
 *      sync-all-refactored.test.ts (a 200-case differential) at 73 s, no-duplicate-booking 5 s,
 *      simmer-down 3 s, against 0.3-0.5 s for the sync-all example files.
 * Used by vitest.mutation.config.ts only; `npm test` keeps vitest's order.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { TestSequencer, TestSpecification } from 'vitest/node';

export const HOLDS_VARIANTS_FILE = 'mutation/holds-variants.mutation.ts';

/** A test that asks for generated cases in bulk (`runs: 200`), not one example. */
const BULK_CASES = /\bruns:\s*\d/;

/** The cost class of a test file (path relative to the repo root, and its source): lower runs first. */
export function costRank(file: string, source: string): number {
  const path = file.split(sep).join('/');
  if (path === HOLDS_VARIANTS_FILE) return 2;
  if (path.startsWith('src/')) return 0;
  return BULK_CASES.test(source) ? 3 : 1;
}

/** Files ordered by cost class, then by path (stable, whatever order they came in). */
export function cheapFirst(files: ReadonlyArray<{ file: string; source: string }>): string[] {
  return [...files]
    .sort((a, b) => costRank(a.file, a.source) - costRank(b.file, b.source) || a.file.localeCompare(b.file))
    .map(({ file }) => file);
}

export class CheapFirstSequencer implements TestSequencer {
  readonly #root: string;

  constructor(ctx: { config: { root: string } }) {
    this.#root = ctx.config.root;
  }

  shard(files: TestSpecification[]): TestSpecification[] {
    return files;
  }

  sort(files: TestSpecification[]): TestSpecification[] {
    const rel = (spec: TestSpecification) => relative(this.#root, spec.moduleId);
    const order = cheapFirst(
      files.map((spec) => ({ file: rel(spec), source: readFileSync(join(this.#root, rel(spec)), 'utf8') })),
    );
    return [...files].sort((a, b) => order.indexOf(rel(a)) - order.indexOf(rel(b)));
  }
}
