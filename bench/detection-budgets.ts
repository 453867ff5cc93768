/**
 * The cases one `syncsim check` gives each `breaks` variant: the runs its scenario test asks
 * for (or the scenario's default when the test does not say). Keep in step with the tests.
 */
export const CHECK_BUDGETS: ReadonlyArray<{ scenario: string; variant: string; checkRuns: number }> = [
  { scenario: 'lost-update', variant: 'naive', checkRuns: 100 },
  { scenario: 'stuck-bot-cleanup-109', variant: 'dry-run-only', checkRuns: 1 },
  { scenario: 'stuck-bot-51943001421', variant: 'before', checkRuns: 6 },
  { scenario: 'stuck-bot-51943001421', variant: 'as-shipped', checkRuns: 6 },
  { scenario: 'indo-null-unit', variant: 'before', checkRuns: 60 },
  { scenario: 'indo-null-unit', variant: 'planned-fix', checkRuns: 300 },
  { scenario: 'indo-null-unit-simmer-down', variant: 'before', checkRuns: 15 },
  { scenario: 'indo-null-unit-simmer-down', variant: 'planned-fix', checkRuns: 200 },
  { scenario: 'properties-bot', variant: 'planted-close-without-recheck', checkRuns: 1000 },
  { scenario: 'properties-bot', variant: 'planted-row-first-no-recovery', checkRuns: 1000 },
  { scenario: 'properties-bot', variant: 'planted-non-atomic-write', checkRuns: 1000 },
  { scenario: 'properties-motopress', variant: 'planted-cross-tenant-lookup', checkRuns: 1000 },
  { scenario: 'properties-motopress', variant: 'planted-junction-outside-write', checkRuns: 1000 },
  { scenario: 'properties-motopress', variant: 'planted-insert-only-upsert', checkRuns: 1000 },
  { scenario: 'properties-motopress', variant: 'planted-always-touch', checkRuns: 1000 },
];
