/**
 * Who acts in incident B's world: the operator, who (as the runbook says) dry-runs gym 4, then
 * runs it; and, in the heal phase, the operator again, twice, as after a run that was killed or
 * stopped (the second run must find nothing to do). A migration is a pair of functions so the
 * planted bugs can swap one of them.
 */
import { StreamChat } from 'stream-chat';
import type { Actor, ActorEnv } from 'syncsim';
import { migrateTenantIds, type MigrationDeps, type MigrationRun } from '../../../src/chat/index.ts';
import { GYM, STREAM_KEY, STREAM_SECRET, STREAM_URL, type LegacyIdsWorld } from './legacy-ids-gym-4-world.ts';

export interface Migration {
  /** What the dry-run prints; undefined when the script has no dry-run. */
  readonly dryRun?: (deps: MigrationDeps, gymId: number) => Promise<MigrationRun>;
  readonly apply: (deps: MigrationDeps, gymId: number) => Promise<MigrationRun>;
}

export const srcMigration: Migration = {
  dryRun: (deps, gymId) => migrateTenantIds(deps, { gymId, apply: false }),
  apply: (deps, gymId) => migrateTenantIds(deps, { gymId, apply: true }),
};

export function streamClientFor(env: ActorEnv): StreamChat {
  return env.gateStream(new StreamChat(STREAM_KEY, STREAM_SECRET, { baseURL: STREAM_URL, disableCache: true }));
}

export function operatorActor(world: LegacyIdsWorld, migration: Migration, startMs: number): Actor {
  return {
    name: 'operator',
    async run(env) {
      await env.clock.sleep(startMs);
      const deps = { db: env.db, stream: streamClientFor(env) };
      if (migration.dryRun) world.dryRun = (await migration.dryRun(deps, GYM)).plan;
      world.applied = await migration.apply(deps, GYM);
    },
  };
}

/** The runbook's "re-runnable": run it again after the chaos, then once more. */
export function rerunActor(world: LegacyIdsWorld, migration: Migration, times = 2): Actor {
  return {
    name: 'operator-rerun',
    async run(env) {
      const deps = { db: env.db, stream: streamClientFor(env) };
      for (let i = 0; i < times; i++) world.reruns.push(await migration.apply(deps, GYM));
    },
  };
}
