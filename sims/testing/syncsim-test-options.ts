/**
 * The vitest settings every syncsim test run shares, for this repo's vitest.config.ts and for
 * `syncsim check` in a user's project alike. Paths are resolved next to this module, so they
 * name the .ts sources here and the compiled .js in an installed package.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProvidedScenarios } from './provided-scenarios.ts';
import { shardsInUse, VARIANT_SHARDS } from './variant-shards.ts';

const EXT = extname(fileURLToPath(import.meta.url));
const here = (file: string) => fileURLToPath(new URL(`${file}${EXT}`, import.meta.url));

/** Running from this repo's TypeScript sources (not from an installed dist/). */
export const FROM_SOURCES = EXT === '.ts';

/** The generated test files that turn every discovered variant into a test, one per shard. */
export const SCENARIO_VARIANTS_TESTS: readonly string[] = Array.from({ length: VARIANT_SHARDS }, (_, i) =>
  here(`./scenario-variants-${i}.test`),
);

/** The shard files that get at least one of `variants` variants (vitest fails a file with no test). */
export function scenarioVariantsTests(variants: number): string[] {
  return SCENARIO_VARIANTS_TESTS.slice(0, shardsInUse(variants));
}

/** The package condition that points `syncsim` imports at the .ts sources inside this repo. */
export const SOURCE_CONDITION = 'syncsim-source';

export function syncsimTestOptions(provide: ProvidedScenarios) {
  return {
    // One Postgres server for the whole run; each test file clones its own database from
    // the migrated template (sims/postgres).
    // The run's seed is decided (and printed) first, so every failure names it.
    globalSetup: [here('./vitest-seed-setup'), here('../postgres/vitest-global-setup')],
    provide: { ...provide },
    // Installed, syncsim is in node_modules, which vitest would hand to Node as is; then the
    // generated test's import() of the project's *.scenario.ts would reach Node (which cannot
    // load TypeScript) instead of vite. Inlined, every import goes through vite.
    server: { deps: { inline: [/[\\/]node_modules[\\/]syncsim[\\/]/] } },
    // A flaky simulation is a finding, not noise: never retry.
    retry: 0,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    restoreMocks: true,
    unstubEnvs: true,
  };
}

/** Vite's default server conditions plus the source condition, when running from sources. */
export function sourceResolve() {
  return FROM_SOURCES
    ? { ssr: { resolve: { conditions: [SOURCE_CONDITION, 'module', 'node', 'development|production'] } } }
    : {};
}
