/**
 * Criterion 7, under live traffic: the migration runs while the app's own actors (the world's
 * `liveActors`: customers posting, rooms being created, ...) run concurrently, searched by
 * fast-check over interleavings and faults through the engine's run machinery (runScenario: one
 * scheduler per case, fault plans, shrinking), so a counterexample replays by (seed, path) like
 * `syncsim run`. After the migration and its resume (faults off, the app quiet), the world's
 * invariants must hold and a fresh plan must be empty: nothing in scope is left half-migrated.
 * A crash hits only the migration (the operator's process); HTTP faults hit every actor.
 */
import * as fc from 'fast-check';
import { NO_FAULTS } from '../faults/fault-plan.ts';
import { defineInvariant, type Invariant } from '../invariants/invariant.ts';
import type { CaseEngine } from '../runner/case-engine.ts';
import { runScenario } from '../runner/run-scenario.ts';
import type { Actor, Scenario } from '../runner/scenario.ts';
import { MIGRATE, RESUME, migrationActor, type MigrationRunRecord, type MigrationTarget } from './migration-point.ts';
import { someProblems, type Criterion } from './criterion.ts';

export const LIVE_VARIANT = 'live-traffic';
/** Cases of the search when --runs is not given: small enough for CI (each case builds the world). */
export const DEFAULT_LIVE_RUNS = 20;
/** Cases shrinking may run after the first failure (counted, not timed). */
export const LIVE_SHRINK_BUDGET = 30;

export interface LiveTrafficOptions {
  readonly runs: number;
  /** Replay exactly the case at this path (from a failure's replay line). */
  readonly path?: string | undefined;
  /** Monotonic milliseconds, for the cases/s figure only (time never decides anything). */
  readonly now: () => number;
}

export async function liveTraffic<Input, World>(
  target: MigrationTarget<Input, World>,
  engine: CaseEngine,
  options: LiveTrafficOptions,
): Promise<Criterion> {
  const id = 'live-traffic';
  const title = 'under live traffic';
  const { world: migrationWorld, module, scope } = target;
  const liveActors = migrationWorld.liveActors?.bind(migrationWorld);
  if (!liveActors)
    return { id, title, status: 'not run', evidence: ['the world declares no live actors (liveActors)'] };

  // What a plan made right after the resume still finds to do, per case's world.
  const leftAfterResume = new Map<World, number>();
  const resumeActor = (world: World): Actor => ({
    name: RESUME,
    async run(env) {
      const deps = migrationWorld.deps(env, world);
      const result = await module.apply(deps, await module.plan(deps, scope));
      leftAfterResume.set(world, (await module.plan(deps, scope)).actions.length);
      return result;
    },
  });
  const nothingHalfMigrated = defineInvariant<World>({
    name: 'nothing-half-migrated',
    kind: 'liveness',
    description: 'after the resume, a fresh plan of the scope has nothing left to do',
    check: ({ world }) => {
      const left = leftAfterResume.get(world);
      if (left === 0) return [];
      return [
        {
          invariant: 'nothing-half-migrated',
          message:
            left === undefined
              ? 'the resume did not finish, so the scope may be half-migrated'
              : `after the resume a fresh plan still has ${left} action(s): the scope is half-migrated`,
        },
      ];
    },
  });
  // Judged once, after the resume: mid-migration states are not the question here.
  const invariants: Invariant<World>[] = [
    ...migrationWorld.invariants.map((invariant) => ({ ...invariant, kind: 'liveness' as const })),
    nothingHalfMigrated,
  ];
  const runs: MigrationRunRecord[] = [];
  // How often the app's actors got to the end (a pass with no traffic would be no evidence).
  const traffic = { finished: 0, failed: 0 };
  const counted = (actor: Actor): Actor => ({
    ...actor,
    run: (env) =>
      actor.run(env).then(
        (value) => {
          traffic.finished++;
          return value;
        },
        (error: unknown) => {
          traffic.failed++;
          throw error;
        },
      ),
  });
  const scenario: Scenario<Input, World> = {
    ...target.scenario,
    invariants,
    faults: (migrationWorld.liveFaults ?? target.scenario.faults ?? fc.constant(NO_FAULTS)).map((plan) => ({
      ...plan,
      crashable: [MIGRATE],
    })),
    variants: {
      [LIVE_VARIANT]: {
        description: `${module.name} with the app's actors running`,
        expect: 'holds',
        actors: ({ world }) => [
          migrationActor(MIGRATE, target, () => world, runs),
          ...liveActors({ world, scope }).map(counted),
        ],
        heal: ({ world }) => [resumeActor(world)],
      },
    },
  };
  const started = options.now();
  const result = await runScenario(scenario, LIVE_VARIANT, engine, {
    seed: target.seed,
    runs: options.runs,
    shrinkBudget: LIVE_SHRINK_BUDGET,
    // Its replay line is --path, which replays the case as fast-check ran it (validate-migration
    // takes no --schedule): the case reported and drawn must be that one, not a minimised one.
    minimiseBudget: 0,
    ...(options.path !== undefined ? { path: options.path } : {}),
  });
  const seconds = (options.now() - started) / 1000;
  if (result.status === 'error') throw new Error(`live-traffic search: ${result.error ?? 'harness error'}`);
  const measured =
    `${result.cases} case(s) (${options.path !== undefined ? `replay of path ${options.path}` : `${options.runs} asked, seed ${target.seed}`})` +
    ` in ${seconds.toFixed(1)} s, ${(result.cases / Math.max(seconds, 1e-3)).toFixed(2)} cases/s;` +
    ` live actor runs: ${traffic.finished} finished, ${traffic.failed} failed (faults), beside ${MIGRATE}, then ${RESUME}`;
  if (result.status === 'held') return { id, title, status: 'pass', evidence: [measured] };
  const problems = result.violations.map((v) => `${v.invariant}: ${v.message}`);
  return {
    id,
    title,
    status: result.status === 'broken' ? 'fail' : 'inconclusive',
    evidence: [
      measured,
      `counterexample: ${result.counterexample ?? '?'}; faults: ${result.faultPlan ?? 'none'}` +
        (result.faultsInjected?.length ? ` (fired: ${result.faultsInjected.join(', ')})` : ''),
      ...someProblems(problems),
      ...(result.status === 'inconclusive' ? [result.error ?? 'the case hit its step bound'] : []),
    ],
    ...(result.path !== undefined ? { replayFlags: `--path ${result.path}` } : {}),
    runs: [result],
  };
}
