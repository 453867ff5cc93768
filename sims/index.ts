/**
 * `syncsim`: what a scenario author imports. Everything here is public API; the rest of sims/
 * is the engine and may change. Test helpers live in `syncsim/vitest`, the fakes in
 * `syncsim/fakes/stream` and `syncsim/fakes/motopress`.
 */
export {
  defineScenario,
  ScenarioDefinitionError,
  type Actor,
  type ActorEnv,
  type ActorsContext,
  type Scenario,
  type ScenarioKind,
  type Variant,
  type WorldContext,
  type DifferentialOptions,
} from './runner/scenario.ts';
export {
  defineInvariant,
  type CheckContext,
  type Invariant,
  type InvariantKind,
  type Violation,
} from './invariants/invariant.ts';
export {
  NO_FAULTS,
  swarmFaultPlan,
  describeFaultPlan,
  type FaultPlan,
  type ScriptedFault,
  type SwarmOptions,
} from './faults/fault-plan.ts';
export {
  CRASH_FAULTS,
  FS_FAULTS,
  HTTP_ANSWER_FAULTS,
  HTTP_FAULTS,
  PG_FAULTS,
  type FaultKind,
  type FsFault,
  type HttpAnswerFault,
  type HttpFault,
  type PgFault,
} from '../fakes/fault-kinds.ts';
export { defineConfig, type SyncsimConfig } from './project/syncsim-config.ts';
// The generators a scenario's input is written with, from the fast-check syncsim runs on, so
// a project needs no fast-check of its own (and cannot end up with a second copy).
export * as fc from 'fast-check';
export { Rng } from './rng/rng.ts';
export { SimClock } from './clock/sim-clock.ts';
export type { HistoryEvent } from './history/history.ts';
export type { Phase } from './runner/run-case.ts';
export type { RunResult, RunStatus } from './runner/run-result.ts';
export { formatRun } from './report/format-run.ts';
export { formatDiff } from './diff/format-diff.ts';
export type { DiffResult, DiffStatus } from './diff/diff-result.ts';
export type { Divergence } from './diff/compare-states.ts';
export type { LatencyRow } from './diff/latency.ts';
export type { ScanDeclaration } from './scans/scan-declaration.ts';
export { replayCommand } from './report/replay-command.ts';
// The collaborators actors and worlds receive, so an author can type their own helpers.
export type { Clock } from '../src/clock.ts';
export type { Db, DbClient, Queryable, QueryResult } from '../src/db/db.ts';
export type { SessionFs } from '../src/bot/session-fs.ts';
export type { FetchLike } from '../fakes/motopress/gated-fetch.ts';
// The exit codes every command documents (README), for scripts and tests that check them.
export { EXIT } from './cli/exit-codes.ts';
// What a migration module exports and what a world declares for `syncsim validate-migration`.
export type { MigrationApplyResult, MigrationModule, MigrationPlanData } from './migration/migration-module.ts';
export type {
  MigrationRateLimits,
  MigrationScope,
  MigrationSnapshots,
  MigrationStateContext,
  MigrationWorld,
} from './migration/migration-world.ts';
