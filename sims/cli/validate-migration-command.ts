/**
 * `syncsim validate-migration <migration> [--world <scenario>] [--snapshot FILE] [--scope K=V[,K=V]]
 * [--seed N] [--runs N | --path P] [--json FILE] [--html FILE] [--trace FILE]`: a migration's
 * verdict per criterion (sims/migration/validate-migration.ts).
 * The world is a discovered scenario that declares `migration:`; the built-in names are the ones
 * it binds (sims/ may not import src/). --snapshot loads a real system's state in place of the
 * world's own (the world's `snapshots` read it). Bad input (flag, world, scope, a snapshot with a
 * malformed field, a module that does not load or lacks part of the contract) is one line and
 * exit 3 before Postgres starts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as fc from 'fast-check';
import { loadMigrationModule } from '../migration/load-migration-module.ts';
import type { MigrationScope, MigrationWorld } from '../migration/migration-world.ts';
import type { WorldContext } from '../runner/scenario.ts';
import { describeScope, validateMigration, type Criterion } from '../migration/validate-migration.ts';
import { defaultMigrationsDir } from '../postgres/index.ts';
import { htmlTimeline } from '../report/html-timeline.ts';
import { perfettoTrace } from '../report/perfetto-trace.ts';
import type { RunResult } from '../runner/run-result.ts';
import { drawRunSeed } from '../testing/run-seed.ts';
import { checkEnvironment } from './check-environment.ts';
import type { CliContext } from './cli-context.ts';
import { CliError, quote } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';
import { findScenario } from './find-scenario.ts';
import { importTypeScript, openProject, projectScenarios } from './open-project.ts';
import { outputFile, parseCaseFlags, parseFlags } from './parse-flags.ts';
import { USAGE } from './usage.ts';
import { withDatabase } from './with-database.ts';

export async function validateMigrationCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('validate-migration', args, [
    'world',
    'snapshot',
    'scope',
    'seed',
    'json',
    'html',
    'trace',
    'runs',
    'path',
  ]);
  if (values.help) {
    cli.out(USAGE['validate-migration'] ?? '');
    return EXIT.ok;
  }
  if (positionals.length !== 1)
    throw new CliError(
      `validate-migration takes one migration (a built-in name or a module's path), got ${positionals.length}`,
    );
  const spec = positionals[0]!;
  // --runs: cases of the live-traffic search; --path (with its --seed): replay one of them.
  const { seed: given, path, runs } = parseCaseFlags(values);
  const json = outputFile('--json', values.json);
  const html = outputFile('--html', values.html);
  const trace = outputFile('--trace', values.trace);
  const project = await openProject(cli.cwd, cli.env);
  const env = checkEnvironment(cli.env);
  const discovered = await projectScenarios(project);
  const withMigrations = discovered.map((d) => d.scenario).filter((s) => s.migration !== undefined);
  const worldId = values.world ?? (withMigrations.length === 1 ? withMigrations[0]!.id : undefined);
  if (worldId === undefined)
    throw new CliError(
      `validate-migration needs --world (worlds with migrations: ${withMigrations.map((s) => s.id).join(', ') || 'none'})`,
    );
  const { scenario } = findScenario(discovered, worldId, 'validate-migration');
  const world = scenario.migration;
  if (!world)
    throw new CliError(
      `scenario '${worldId}' declares no migration world (worlds with migrations: ${withMigrations.map((s) => s.id).join(', ') || 'none'})`,
    );
  const scope = parseScope(values.scope, world.defaultScope);
  const problem = world.scopeProblem?.(scope);
  if (problem !== undefined) throw new CliError(problem);
  const snapshot =
    values.snapshot === undefined ? undefined : await readSnapshot(values.snapshot, cli.cwd, world, scope, worldId);
  const module = await loadMigrationModule(spec, world.builtins, cli.cwd, importTypeScript);
  const seed = given ?? drawRunSeed();
  const [input] = fc.sample(scenario.input, { seed, numRuns: 1 });
  const replay = `syncsim validate-migration ${spec} --world ${scenario.id}${snapshot ? ` --snapshot ${values.snapshot}` : ''} --scope ${describeScope(scope)} --seed ${seed}`;
  // A snapshot replaces the world's builder only: scope, invariants and criteria stay the world's.
  const target = snapshot
    ? { ...scenario, world: (ctx: Parameters<typeof scenario.world>[0]) => snapshot.load(ctx) }
    : scenario;
  const migrations = env.migrations ?? defaultMigrationsDir(cli.env);
  const guard = cli.guard(`validate-migration ${module.name}`);
  try {
    const criteria = await withDatabase(cli, guard, migrations, (engine) =>
      validateMigration({ scenario: target, world, module, scope, input, seed }, engine, {
        now: () => performance.now(),
        liveRuns: runs,
        livePath: path,
      }),
    );
    const title = `${module.name} on ${scenario.id}${snapshot ? ` from snapshot ${values.snapshot}` : ''} (scope ${describeScope(scope)}, seed ${seed})`;
    cli.out(title);
    for (const line of formatCriteria(criteria, replay)) cli.out(line);
    if (json) {
      const data = criteria.map(({ runs: _drawn, ...c }) => c);
      await writeFile(
        json,
        `${JSON.stringify({ migration: module.name, world: scenario.id, snapshot: values.snapshot ?? null, scope, seed, replay, criteria: data }, null, 2)}\n`,
      );
    }
    const { runs: drawn, replayOf } = drawnRuns(criteria, replay);
    if (html) await writeFile(html, htmlTimeline(drawn, { title, replay: replayOf }));
    if (trace) await writeFile(trace, `${JSON.stringify(perfettoTrace(drawn, undefined, replayOf))}\n`);
    return exitCodeOfCriteria(criteria);
  } finally {
    guard.dispose();
  }
}

/**
 * The snapshot FILE, read and checked by the world before Postgres starts: a file that cannot be
 * read, is not JSON or has a malformed field is one line naming it (the first bad field).
 */
async function readSnapshot(
  file: string,
  cwd: string,
  world: MigrationWorld<unknown>,
  scope: MigrationScope,
  worldId: string,
): Promise<{ load(ctx: WorldContext<unknown>): Promise<unknown> }> {
  const snapshots = world.snapshots;
  if (!snapshots)
    throw new CliError(`scenario '${worldId}' loads no snapshots (--snapshot needs a world that declares snapshots)`);
  let text: string;
  try {
    // Relative to the folder the command runs in, as a module path is.
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new CliError(`snapshot ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`snapshot ${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = snapshots.parse(json, scope);
  if ('problem' in parsed) throw new CliError(`snapshot ${file}: ${parsed.problem}`);
  return { load: (ctx) => snapshots.world(parsed.snapshot, ctx) };
}

/** `gym=4` or `gym=4,region=eu`; the keys must be the world's (a typo would validate nothing). */
function parseScope(value: string | undefined, defaults: MigrationScope): MigrationScope {
  if (value === undefined) return defaults;
  const scope: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq);
    if (eq <= 0 || !(key in defaults))
      throw new CliError(`--scope ${quote(pair)} is not K=V with K one of: ${Object.keys(defaults).join(', ')}`);
    scope[key] = pair.slice(eq + 1);
  }
  return { ...defaults, ...scope };
}

/**
 * The runs that show the failed criteria (each once), else the first run any criterion was judged
 * on (the uncrashed run), each with its criterion's replay line (a live-traffic case adds --path).
 */
function drawnRuns(
  criteria: readonly Criterion[],
  replay: string,
): { runs: RunResult[]; replayOf: (run: RunResult) => string } {
  const failed = criteria.filter((c) => c.status === 'fail' || c.status === 'inconclusive');
  const shown = failed.length > 0 ? failed : criteria.filter((c) => (c.runs?.length ?? 0) > 0).slice(0, 1);
  const lines = new Map<RunResult, string>();
  for (const c of shown)
    for (const run of c.runs ?? [])
      if (![...lines.keys()].some((r) => r.variant === run.variant))
        lines.set(run, `${replay}${c.replayFlags ? ` ${c.replayFlags}` : ''}`);
  return { runs: [...lines.keys()], replayOf: (run) => lines.get(run) ?? replay };
}

export function formatCriteria(criteria: readonly Criterion[], replay: string): string[] {
  const lines: string[] = [];
  criteria.forEach((c, i) => {
    lines.push(`${i + 1}. ${c.status.toUpperCase().padEnd(12)} ${c.title}`);
    for (const line of c.evidence) lines.push(`     ${line}`);
    if (c.status === 'fail' || c.status === 'inconclusive')
      lines.push(`     replay: ${replay}${c.replayFlags ? ` ${c.replayFlags}` : ''}`);
  });
  return lines;
}

/** 1 if any criterion failed, else 2 if any was inconclusive, else 0 ("not run" is said, not counted). */
export function exitCodeOfCriteria(criteria: readonly Criterion[]): number {
  if (criteria.some((c) => c.status === 'fail')) return EXIT.broken;
  if (criteria.some((c) => c.status === 'inconclusive')) return EXIT.inconclusive;
  return EXIT.ok;
}
