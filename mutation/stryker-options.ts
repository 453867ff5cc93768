/**
 * Stryker's options for one src/ module: its non-test .ts files are mutated, its tests are
 * vitest.mutation.config.ts's (mutation/module-tests.ts picks them from the module's name,
 * handed over in SYNCSIM_MUTATION_MODULE). Everything a run writes is under reports/mutation/
 * <module>/ and .stryker-tmp/<module>/ (git-ignored), so modules never share a file.
 */
import type { PartialStrykerOptions } from '@stryker-mutator/api/core';

/** Cases per `holds` variant in a mutation run (holds-variants.mutation.ts says why capped). */
export const MUTATION_RUNS = 5;

export function reportDir(module: string): string {
  return `reports/mutation/${module}`;
}

export function strykerOptions(module: string): PartialStrykerOptions {
  return {
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    // related: false - the scenario variants reach src/ through a dynamic import() of the
    // discovered *.scenario.ts, which vitest's related-files graph cannot see.
    vitest: { configFile: 'vitest.mutation.config.ts', related: false },
    mutate: [`src/${module}/**/*.ts`, `!src/${module}/**/*.test.ts`],
    // Each mutant runs only the tests that executed its code in the dry run.
    coverageAnalysis: 'perTest',
    // A mutant of module-level code would need every test rerun in a fresh vitest (and a fresh
    // Postgres): skipped, and counted as Ignored, not in the score.
    ignoreStatic: true,
    // A rerun re-tests only the mutants whose code or covering test FILES changed; what those files
    // import (a scenario, an invariant) is not compared, hence `npm run mutation -- --force`.
    incremental: true,
    incrementalFile: `${reportDir(module)}/stryker-incremental.json`,
    reporters: ['json', 'progress'],
    jsonReporter: { fileName: `${reportDir(module)}/mutation.json` },
    // 2 cores shared with other work: one test runner (one vitest, one Postgres) at a time,
    // unless `npm run mutation -- --concurrency 2` asks for more (run-mutation.ts).
    concurrency: 1,
    // The sandbox (a copy of the repo) rather than inPlace: a run stopped anyhow cannot leave a
    // mutant in src/. Nothing the tests read is outside the repo (../shared is comments only).
    tempDirName: `.stryker-tmp/${module}`,
    // Not copied into a sandbox: another module's sandbox (runs may overlap) and the reports.
    ignorePatterns: ['/.stryker-tmp', '/reports'],
    cleanTempDir: true,
    // Scenario tests run a Postgres per case: generous beyond Stryker's measured time.
    timeoutMS: 10_000,
    // A mutant times out at (its tests' time in the first run) x this + timeoutMS. Stryker's 1.5
    // let a loaded machine (two runners, other work) turn a slow survivor into a "Timeout", which
    // counts as killed: 3 keeps a timeout meaning a mutant that loops.
    timeoutFactor: 3,
    // The first run (every test, with coverage per test) of a module takes minutes on a loaded machine.
    dryRunTimeoutMinutes: 30,
  };
}
