/**
 * One run of a migration against a world, as the crash sweep needs it: the migration runs once
 * under a fault plan (actor `migrate`), then, faults off, once more (actor `resume`: the operator
 * re-running it after a crash, a stop, or a finished run, where it must do nothing). The end
 * state (in scope and outside) is read after the resume; the world's state outside the scope
 * is also read right after the world is built, before anything ran.
 */
import * as fc from 'fast-check';
import type { FaultPlan } from '../faults/fault-plan.ts';
import type { SweepPoint } from '../faults/crash-sweep.ts';
import type { Violation } from '../invariants/invariant.ts';
import type { CaseEngine } from '../runner/case-engine.ts';
import { runCase } from '../runner/run-case.ts';
import type { Actor, Scenario, WorldContext } from '../runner/scenario.ts';
import type { GateRequest } from '../schedule/flight.ts';
import type { MigrationApplyResult, MigrationModule, MigrationPlanData } from './migration-module.ts';
import type { MigrationScope, MigrationWorld } from './migration-world.ts';

export const MIGRATE = 'migrate';
export const RESUME = 'resume';

export interface MigrationRunRecord {
  readonly actor: string;
  readonly plan?: MigrationPlanData;
  readonly result?: MigrationApplyResult;
}

export interface MigrationPoint extends SweepPoint {
  readonly outsideBefore: string;
  readonly outsideAfter: string;
  /** The runs that got as far as planning, in order (a crashed run may have none). */
  readonly runs: readonly MigrationRunRecord[];
}

export interface MigrationTarget<Input, World> {
  readonly scenario: Scenario<Input, World>;
  readonly world: MigrationWorld<World>;
  readonly module: MigrationModule<unknown>;
  readonly scope: MigrationScope;
  readonly input: Input;
  readonly seed: number;
}

/**
 * The migration as an actor: plan, then apply the plan, each run recorded in `runs` as soon as it
 * has planned (a crash during apply leaves the record without a result).
 */
export function migrationActor<World>(
  name: string,
  target: Pick<MigrationTarget<unknown, World>, 'world' | 'module' | 'scope'>,
  world: () => World,
  runs: MigrationRunRecord[],
): Actor {
  return {
    name,
    async run(env) {
      const deps = target.world.deps(env, world());
      const planned = await target.module.plan(deps, target.scope);
      const record: { actor: string; plan: MigrationPlanData; result?: MigrationApplyResult } = {
        actor: name,
        plan: planned,
      };
      runs.push(record);
      record.result = await target.module.apply(deps, planned);
      return record.result;
    },
  };
}

export interface MigrationPointOptions<World> {
  /** Changes the world once it is built, before anything runs (e.g. tighter rate limits). */
  readonly prepare?: (world: World) => void;
}

export async function runMigrationPoint<Input, World>(
  target: MigrationTarget<Input, World>,
  engine: CaseEngine,
  plan: FaultPlan,
  label: string,
  options: MigrationPointOptions<World> = {},
): Promise<MigrationPoint> {
  const { scenario, world: migrationWorld, scope, seed } = target;
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed, numRuns: 1 });
  let world: World | undefined;
  let outsideBefore = '';
  const runs: MigrationRunRecord[] = [];
  const actor = (name: string): Actor => migrationActor(name, target, () => world!, runs);
  // The invariants are checked here after the resume, not between the phases: a crashed run
  // always gets its second chance before anything is judged.
  const wrapped: Scenario<Input, World> = {
    ...scenario,
    invariants: [],
    world: async (ctx: WorldContext<Input>) => {
      world = await scenario.world(ctx);
      options.prepare?.(world);
      outsideBefore = JSON.stringify(await migrationWorld.outsideScope({ db: engine.admin, world, scope }));
      return world;
    },
  };
  const variant = {
    description: label,
    expect: 'holds' as const,
    actors: () => [actor(MIGRATE)],
    heal: () => [actor(RESUME)],
  };
  const outcome = await runCase(wrapped, variant, target.input, scheduler!, engine, seed, plan);
  const violations: Violation[] = [...outcome.violations];
  for (const invariant of migrationWorld.invariants)
    violations.push(...(await invariant.check({ db: engine.admin, world: world!, history: outcome.history })));
  const context = { db: engine.admin, world: world!, scope };
  return {
    label,
    plan,
    state: JSON.stringify(await migrationWorld.inScope(context)),
    outsideBefore,
    outsideAfter: JSON.stringify(await migrationWorld.outsideScope(context)),
    violations,
    history: outcome.history,
    faults: outcome.faults,
    runs,
  };
}
