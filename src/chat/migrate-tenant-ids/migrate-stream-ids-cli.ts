/**
 * `syncsim migrate stream-ids --gym-id N [--apply]`: incident B's migration of legacy Stream user
 * ids (`user_{u}` -> `gym_{g}_user_{u}`) for one gym, on the real module, against a real Stream
 * app (STREAM_API_KEY, STREAM_API_SECRET, optional STREAM_BASE_URL) and DATABASE_URL, as
 * `syncsim repair stream` is. Without --apply it prints the plan and changes nothing; with it,
 * it performs that plan and prints each action's outcome. One gym per run (the runbook: gym 4
 * first, audit, then the others), so --gym-id is required and must name a gym that exists.
 * Exit: 0 printed / done, 1 an action failed or the run stopped (run it again), 3 bad input.
 */
import type { Clock } from '../../clock.ts';
import { openDatabase, databaseUrlProblem } from '../../ops/open-database.ts';
import { BadInput, OPERATOR_EXIT, quote, runOperatorCommand } from '../../ops/operator-command.ts';
import { parseOperatorFlags } from '../../ops/parse-operator-flags.ts';
import { openStream, type StreamEnv } from '../open-stream.ts';
import { describeLeftRoom, describeMigrationAction } from './describe-migration-action.ts';
import type { MigrationOutcome } from './migration-report.ts';
import { migrateTenantIds } from './migrate-tenant-ids.ts';

export const MIGRATE_USAGE = `usage: syncsim migrate stream-ids --gym-id N [--apply]
Moves one gym's Stream users and room members from user_{u} to gym_{g}_user_{u} (team gym_{g}),
keeping every channel and its messages. Prints the plan (dry-run) unless --apply.
Environment: STREAM_API_KEY, STREAM_API_SECRET, optional STREAM_BASE_URL; DATABASE_URL.
Exit: 0 plan printed or every action done, 1 an action failed or the run stopped (run it again),
3 bad input or unreachable.`;

export const MIGRATE_EXIT = { ...OPERATOR_EXIT, failed: 1 } as const;

export interface MigrateIo {
  readonly env: StreamEnv & { readonly DATABASE_URL?: string | undefined };
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** The real clock, from the process edge: the migration paces its Stream requests on it. */
  readonly clock?: Clock;
}

export async function migrateStreamIdsCli(args: readonly string[], io: MigrateIo): Promise<number> {
  return runOperatorCommand('migrate stream-ids', args, io.err, () => migrate(args, io));
}

async function migrate(args: readonly string[], io: MigrateIo): Promise<number> {
  const [command, target, ...rest] = args;
  if (command !== 'migrate') throw new BadInput(`unknown command ${quote(String(command))}`);
  if (target === '--help' || target === '-h') {
    io.out(MIGRATE_USAGE);
    return MIGRATE_EXIT.ok;
  }
  if (target !== 'stream-ids')
    throw new BadInput(`migrate what? only 'stream-ids' is known, got ${quote(String(target ?? ''))}`);
  const { values, positionals } = parseOperatorFlags(rest, { 'gym-id': 'string', apply: 'boolean' });
  if (values.help) {
    io.out(MIGRATE_USAGE);
    return MIGRATE_EXIT.ok;
  }
  if (positionals[0] !== undefined) throw new BadInput(`unexpected argument ${quote(positionals[0])}`);
  const raw = values['gym-id'];
  if (raw === undefined) throw new BadInput('--gym-id is required (one gym per run)');
  const gymId = Number(raw);
  if (typeof raw !== 'string' || !/^[1-9]\d*$/.test(raw) || !Number.isSafeInteger(gymId))
    throw new BadInput(`--gym-id takes a gym id, not ${quote(String(raw))}`);
  const apply = values.apply === true;

  const stream = await openStream(io.env);
  const problem = databaseUrlProblem(io.env.DATABASE_URL);
  if (problem) throw new BadInput(problem);
  const database = await openDatabase(io.env.DATABASE_URL!);
  try {
    const gym = await database.db.query('SELECT 1 FROM gyms WHERE id = $1', [gymId]);
    if ((gym.rowCount ?? 0) === 0) throw new BadInput(`gym ${gymId} does not exist`);
    const { plan, report } = await migrateTenantIds(
      { db: database.db, stream, ...(io.clock ? { clock: io.clock } : {}) },
      { gymId, apply },
    );
    if (!report) {
      io.out(
        plan.actions.length === 0
          ? `gym ${gymId}: nothing to migrate`
          : `plan for gym ${gymId} (${plan.actions.length} action(s)):`,
      );
      for (const action of plan.actions) io.out(`  ${describeMigrationAction(action)}`);
      for (const room of plan.left) io.out(`  ${describeLeftRoom(room)}`);
      if (plan.actions.length > 0) io.out('nothing was changed; run again with --apply');
      return MIGRATE_EXIT.ok;
    }
    for (const outcome of report.outcomes) io.out(`  ${formatOutcome(outcome)}`);
    for (const room of plan.left) io.out(`  ${describeLeftRoom(room)}`);
    const count = (result: MigrationOutcome['result']) => report.outcomes.filter((o) => o.result === result).length;
    io.out(
      `gym ${gymId}: ${count('applied')} applied, ${count('skipped')} already done, ${count('failed')} failed, ${count('not-run')} not run`,
    );
    if (report.stopped) io.out(`stopped: ${report.stopped}`);
    return report.stopped || count('failed') > 0 ? MIGRATE_EXIT.failed : MIGRATE_EXIT.ok;
  } finally {
    await database.end();
  }
}

function formatOutcome(outcome: MigrationOutcome): string {
  const what = describeMigrationAction(outcome.action);
  return outcome.result === 'applied' ? `applied: ${what}` : `${outcome.result}: ${what} (${outcome.why})`;
}
