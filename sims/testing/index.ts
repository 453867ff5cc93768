/**
 * `syncsim/vitest`: helpers for hand-written scenario tests, for what a variant's declared
 * expectation cannot say (a replay that must be byte-identical, the exact rows an incident left
 * behind). Every discovered variant already runs as a test without them (describe-scenario-variants.ts).
 * Import this only from test files: it registers vitest hooks.
 */
export { SEED, withSeed, fileCaseEngine } from './scenario-suite.ts';
export { useCaseEngine } from './use-case-engine.ts';
export { expectMet, Inconclusive, HarnessError } from './expect-run.ts';
export { InvariantBroken } from '../invariants/invariant-broken.ts';
export { expectPlantedCaught } from './expect-planted-caught.ts';
export { runScenario, type RunOptions } from '../runner/run-scenario.ts';
// Differential runs (`syncsim diff` as a test): spread withSeed into its options.
export { runDiff, type DiffOptions } from '../diff/run-diff.ts';
export { runCase, type CaseOutcome } from '../runner/run-case.ts';
// Crash anywhere, then resume: every step of an uncrashed run, crashed and resumed.
export {
  crashSweep,
  describeCrashSweep,
  type CrashSweep,
  type CrashSweepOptions,
  type SweepPoint,
} from '../faults/crash-sweep.ts';
export type { CaseEngine } from '../runner/case-engine.ts';
export type { GateRequest } from '../schedule/flight.ts';
export { resetDatabase } from '../postgres/index.ts';
// A migrated database of this test file's own (cloned from the run's template), for hand-written
// tests that drive a module directly with a plain pg.Pool instead of through a scenario.
export { useTestDatabase } from '../postgres/use-test-database.ts';
export type { TestDatabase } from '../postgres/create-test-database.ts';
