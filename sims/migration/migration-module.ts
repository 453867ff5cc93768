/**
 * What `syncsim validate-migration` runs: a migration module's default export. The plan is data
 * (what a dry-run prints), computed read-only; apply performs a plan and re-checks each action
 * (a resumed run plans again from what is left). `deps` are the gated collaborators the world
 * hands its actors (for the Stream world: `{ db, stream }`), so every I/O step is one the sweep
 * can crash before. `scope` is the `--scope K=V` pairs (e.g. `{ gym: '4' }`).
 */
import { CliError } from '../cli/cli-error.ts';

export interface MigrationPlanData {
  /** The actions a dry-run prints; an empty list means nothing to do. */
  readonly actions: readonly unknown[];
}

export interface MigrationApplyResult {
  /** Why the run stopped before finishing (e.g. past its failure threshold); undefined when it finished. */
  readonly stopped?: string | undefined;
}

export interface MigrationModule<Deps = never, Plan extends MigrationPlanData = MigrationPlanData> {
  readonly name: string;
  plan(deps: Deps, scope: Readonly<Record<string, string>>): Promise<Plan>;
  apply(deps: Deps, plan: Plan): Promise<MigrationApplyResult>;
}

/** The module's default export if it matches the contract, else a one-line error naming what is missing. */
export function checkMigrationModule(value: unknown, source: string): MigrationModule<unknown> {
  if (typeof value !== 'object' || value === null)
    throw new CliError(`${source} has no default export (a migration module exports default { name, plan, apply })`);
  const candidate = value as Record<string, unknown>;
  const missing = [
    ...(typeof candidate.name === 'string' && candidate.name !== '' ? [] : ['name (a string)']),
    ...(typeof candidate.plan === 'function' ? [] : ['plan(deps, scope)']),
    ...(typeof candidate.apply === 'function' ? [] : ['apply(deps, plan)']),
  ];
  if (missing.length > 0)
    throw new CliError(
      `${source}: the default export lacks ${missing.join(', ')} (a migration module exports default { name, plan, apply })`,
    );
  return candidate as unknown as MigrationModule<unknown>;
}
