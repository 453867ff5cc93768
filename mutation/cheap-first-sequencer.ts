/**
 * The mutation run's test file order: cheapest first. Stryker's vitest runner stops a mutant's
 * run at the first failing test (bail 1, one worker), so a mutant a millisecond unit test kills
 * should never wait for a Postgres scenario. vitest's own sequencer does the opposite for a
 * parallel run (failed files first, then the LONGEST first, from its results cache), which for
 * Stryker means every mutant starts with the slowest file it covers. The order here is fixed by
 * path, not measured per run, so a rerun's order (and time) follows the code only:
 *   0. src/ unit tests (no I/O),
 *   1. scenarios/ test files (fakes, most with a Postgres database),
 *   2. the `holds` variants of the module's scenarios (many Postgres cases each).
 * Used by vitest.mutation.config.ts only; `npm test` keeps vitest's order.
 */
import { relative, sep } from 'node:path';
import type { TestSequencer, TestSpecification } from 'vitest/node';

export const HOLDS_VARIANTS_FILE = 'mutation/holds-variants.mutation.ts';

/** The cost class of a test file, relative to the repo root: lower runs first. */
export function costRank(file: string): number {
  const path = file.split(sep).join('/');
  if (path === HOLDS_VARIANTS_FILE) return 2;
  if (path.startsWith('src/')) return 0;
  return 1;
}

/** Files ordered by cost class, then by path (stable, whatever order they came in). */
export function cheapFirst(files: readonly string[]): string[] {
  return [...files].sort((a, b) => costRank(a) - costRank(b) || a.localeCompare(b));
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
    const order = cheapFirst(files.map(rel));
    return [...files].sort((a, b) => order.indexOf(rel(a)) - order.indexOf(rel(b)));
  }
}
