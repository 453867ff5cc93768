import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{src,fakes,sims,scenarios}/**/*.test.ts'],
    // One Postgres server for the whole run; each test file clones its own database from
    // the migrated template (sims/postgres).
    // The run's seed is decided (and printed) first, so every failure names it.
    globalSetup: ['sims/testing/vitest-seed-setup.ts', 'sims/postgres/vitest-global-setup.ts'],
    // A flaky simulation is a finding, not noise: never retry.
    retry: 0,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    restoreMocks: true,
    unstubEnvs: true,
  },
});
