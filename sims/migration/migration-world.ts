/**
 * What a scenario declares so `syncsim validate-migration` can run migrations against its world
 * (`migration:` in defineScenario). The world knows what the generic validator cannot: which
 * collaborators a migration gets, what "in scope" means (one gym's rows and channels), which
 * requests are writes, and how a plan's actions map onto the writes a run made. Built-in
 * migrations are bound here by name because sims/ may not import src/; the scenario (the top
 * layer) may.
 */
import type * as fc from 'fast-check';
import type { FaultPlan, ScriptedFault } from '../faults/fault-plan.ts';
import type { Actor, ActorEnv, WorldContext } from '../runner/scenario.ts';
import type { HistoryEvent } from '../history/history.ts';
import type { Invariant } from '../invariants/invariant.ts';
import type { Queryable } from '../../src/db/db.ts';
import type { MigrationApplyResult, MigrationModule, MigrationPlanData } from './migration-module.ts';

export type MigrationScope = Readonly<Record<string, string>>;

export interface MigrationStateContext<World> {
  /** Ungated: reading the state is no step of the migration. */
  readonly db: Queryable;
  readonly world: World;
  readonly scope: MigrationScope;
}

/**
 * How a world loads a snapshot of a real system (`validate-migration --snapshot FILE`) in place
 * of building its own state. The format is the world's (sims/ knows no domain): `parse` names the
 * first malformed field before anything starts; `world` writes the snapshot into the test
 * database and the fakes and returns the same World the invariants judge.
 */
export interface MigrationSnapshots<World> {
  /** The snapshot, or the first thing wrong with it (also: it holds another scope than `scope`). */
  parse(
    this: void,
    json: unknown,
    scope: MigrationScope,
  ): { readonly snapshot: unknown } | { readonly problem: string };
  world(this: void, snapshot: unknown, ctx: WorldContext<unknown>): Promise<World>;
}

export interface MigrationWorld<World> {
  /** Migrations validate-migration knows by name, e.g. `{ 'stream-ids': ... }`. */
  readonly builtins: Readonly<Record<string, MigrationModule<never>>>;
  /** The scope when --scope is not given (e.g. `{ gym: '4' }`); --scope must name the same keys. */
  readonly defaultScope: MigrationScope;
  /**
   * Why the world cannot judge a migration of this scope (its invariants know one gym only),
   * or undefined when it can: a verdict about the wrong gym would be worse than none.
   */
  scopeProblem?(scope: MigrationScope): string | undefined;
  /** Snapshots this world loads instead of its own state; undefined: --snapshot is refused. */
  readonly snapshots?: MigrationSnapshots<World>;
  /** The gated collaborators a migration gets, built from an actor's env like the actors' own. */
  deps(env: ActorEnv, world: World): unknown;
  /** Everything a migration of the scope may change, JSON-able; compared across runs. */
  inScope(context: MigrationStateContext<World>): Promise<unknown>;
  /** Everything outside the scope, JSON-able; must be byte-for-byte unchanged by a run. */
  outsideScope(context: MigrationStateContext<World>): Promise<unknown>;
  /** Whether an invoke changes something (the lost-response sweep and the no-op run use it). */
  isWrite(this: void, event: HistoryEvent): boolean;
  /** The writes of `actor` that no planned action explains, and planned actions it never performed. */
  dryRunDifferences(
    plan: MigrationPlanData,
    result: MigrationApplyResult | undefined,
    history: readonly HistoryEvent[],
    actor: string,
  ): string[];
  /** The domain's invariants after a finished run (e.g. no-message-loss). */
  readonly invariants: readonly Invariant<World>[];
  /**
   * Failures past the migration's threshold: the scripted faults that make it stop (e.g. HTTP 500
   * on enough of the planned writes). Undefined: criterion 5 is reported not run.
   */
  overThreshold?(plan: MigrationPlanData, history: readonly HistoryEvent[], actor: string): ScriptedFault[];
  /**
   * The app's own actors (customers posting, rooms being created, ...), run concurrently with
   * the migration for criterion 7 (live traffic). Undefined: criterion 7 is reported not run.
   */
  liveActors?(context: { readonly world: World; readonly scope: MigrationScope }): Actor[];
  /**
   * The faults of the live-traffic search (default: the scenario's); a crash hits only the
   * migration (the validator sets `crashable`), HTTP faults hit every actor.
   */
  readonly liveFaults?: fc.Arbitrary<FaultPlan>;
  /** Rate limits for criterion 8. Undefined: criterion 8 is reported not run. */
  readonly rateLimits?: MigrationRateLimits<World>;
}

export interface MigrationRateLimits<World> {
  /** What the limits are and why (the evidence quotes it). */
  readonly why: string;
  /** The length of one rate-limit window in ms (Stream: one minute). */
  readonly windowMs: number;
  /** Impose the limits on a freshly built world, before the migration runs. */
  impose(world: World): void;
  /** The endpoint a request counts against and that endpoint's limit per window; undefined: not limited. */
  limitOf(this: void, event: HistoryEvent): { readonly endpoint: string; readonly limit: number } | undefined;
  /** Whether a completed request (fail or info) was refused for rate. */
  refused(this: void, event: HistoryEvent): boolean;
}
