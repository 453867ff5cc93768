/**
 * The chat team's operator commands, as they ran their Python scripts, on the real module:
 *   syncsim audit stream  [--gym-id N|all] [--json FILE]
 *   syncsim repair stream [--gym-id N|all] [--apply] [--export-dir DIR]
 * against a real Stream app (STREAM_API_KEY, STREAM_API_SECRET, optional STREAM_BASE_URL) and
 * DATABASE_URL. The audit is read-only on both sides. The repair prints its plan and changes
 * nothing unless --apply; deleting an orphan channel needs --export-dir, where its messages go
 * first. Credentials and the database are checked before anything is read or written: a
 * problem is one line, exit 3. Secrets are never printed (not even the key in an error).
 * Exit: 0 nothing to report / everything applied, 1 the audit found faults / an action failed.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { StreamChat } from 'stream-chat';
import { nodeSessionFs } from '../bot/node-session-fs.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/db.ts';
import { databaseUrlProblem, openDatabase } from '../ops/open-database.ts';
import { BadInput, OPERATOR_EXIT, quote, runOperatorCommand } from '../ops/operator-command.ts';
import { parseOperatorFlags, type FlagSpec } from '../ops/parse-operator-flags.ts';
import { applyStreamRepair, type RepairOutcome } from './apply-stream-repair.ts';
import { auditStream, type AuditReport } from './audit-stream.ts';
import { formatAuditReport } from './format-audit-report.ts';
import { openStream } from './open-stream.ts';
import { describeRepairAction, planStreamRepair } from './plan-stream-repair.ts';

export const STREAM_OPS_USAGE = `usage: syncsim audit stream  [--gym-id N|all] [--json FILE]
       syncsim repair stream [--gym-id N|all] [--apply] [--export-dir DIR]
Environment: STREAM_API_KEY, STREAM_API_SECRET, optional STREAM_BASE_URL; DATABASE_URL.
audit: read-only on both sides; exit 0 no faults, 1 faults found, 3 bad input or unreachable.
repair: prints the plan (dry-run) unless --apply; orphan channels are deleted only with
--export-dir, after their messages were written there; exit 0 done, 1 an action failed, 3 bad input.
Both stop at once, exit 3, when Stream refuses a request (401/403: a revoked key, a firewall) or
answers one with something that is not its JSON (an HTML page, a body cut short).`;

export const STREAM_OPS_EXIT = { ...OPERATOR_EXIT, found: 1 } as const;

export interface StreamOpsEnv {
  readonly STREAM_API_KEY?: string | undefined;
  readonly STREAM_API_SECRET?: string | undefined;
  readonly STREAM_BASE_URL?: string | undefined;
  readonly DATABASE_URL?: string | undefined;
}

export interface StreamOpsIo {
  readonly env: StreamOpsEnv;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** The real clock, from the process edge (src/ never reads it): 429 waits use it. */
  readonly clock: Clock;
}

export async function streamOpsCli(args: readonly string[], io: StreamOpsIo): Promise<number> {
  const name = args[0] === 'repair' ? 'repair stream' : 'audit stream';
  return runOperatorCommand(name, args, io.err, () => streamOps(args, io));
}

async function streamOps(args: readonly string[], io: StreamOpsIo): Promise<number> {
  const [command, target, ...rest] = args;
  if (command !== 'audit' && command !== 'repair') throw new BadInput(`unknown command ${quote(String(command))}`);
  if (target === '--help' || target === '-h') {
    io.out(STREAM_OPS_USAGE);
    return STREAM_OPS_EXIT.ok;
  }
  if (target !== 'stream')
    throw new BadInput(
      `${command} what? only 'stream' is known (syncsim ${command} stream), got ${quote(String(target ?? ''))}`,
    );
  const spec: FlagSpec =
    command === 'audit'
      ? { 'gym-id': 'string', json: 'string' }
      : { 'gym-id': 'string', apply: 'boolean', 'export-dir': 'string' };
  const { values, positionals } = parseOperatorFlags(rest, spec);
  if (values.help) {
    io.out(STREAM_OPS_USAGE);
    return STREAM_OPS_EXIT.ok;
  }
  if (positionals[0] !== undefined) throw new BadInput(`unexpected argument ${quote(positionals[0])}`);
  const gymIds = parseGymScope(values['gym-id']);
  const exportDir = typeof values['export-dir'] === 'string' ? values['export-dir'] : undefined;
  if (exportDir !== undefined && values.apply !== true)
    throw new BadInput('--export-dir is only used with --apply (a dry-run exports nothing)');
  if (exportDir !== undefined && !(await stat(exportDir).catch(() => undefined))?.isDirectory())
    throw new BadInput(`--export-dir ${quote(exportDir)} is not a directory`);
  const jsonFile = typeof values.json === 'string' ? values.json : undefined;
  if (jsonFile !== undefined && !(await stat(dirname(resolve(jsonFile))).catch(() => undefined))?.isDirectory())
    throw new BadInput(`--json ${quote(jsonFile)}: its folder does not exist`);

  const stream = await openStream(io.env);
  const problem = databaseUrlProblem(io.env.DATABASE_URL);
  if (problem) throw new BadInput(problem);
  const database = await openDatabase(io.env.DATABASE_URL!);
  try {
    const report = await auditStream({ db: database.db, stream, clock: io.clock }, gymIds ? { gymIds } : {});
    if (command === 'audit') {
      io.out(formatAuditReport(report));
      if (jsonFile !== undefined) await writeJson(jsonFile, report);
      return report.findings.length === 0 ? STREAM_OPS_EXIT.ok : STREAM_OPS_EXIT.found;
    }
    return await repair(database.db, stream, report, { gymIds, apply: values.apply === true, exportDir }, io);
  } finally {
    await database.end();
  }
}

async function repair(
  db: Db,
  stream: StreamChat,
  report: AuditReport,
  options: { gymIds: number[] | undefined; apply: boolean; exportDir: string | undefined },
  io: StreamOpsIo,
): Promise<number> {
  const gyms = await db.query<{ id: string }>('SELECT id FROM gyms');
  const existingGyms = new Set(gyms.rows.map((row) => Number(row.id)));
  const plan = planStreamRepair(report.findings, {
    existingGyms,
    ...(options.gymIds ? { gymIds: options.gymIds } : {}),
  });
  if (!options.apply) {
    io.out(plan.length === 0 ? 'nothing to repair' : `plan (${plan.length} action(s)):`);
    for (const action of plan) io.out(`  ${describeRepairAction(action)}`);
    if (plan.some((action) => action.kind !== 'needs-decision'))
      io.out('nothing was changed; run again with --apply (and --export-dir DIR to delete orphan channels)');
    return STREAM_OPS_EXIT.ok;
  }
  if (options.exportDir === undefined && plan.some((action) => action.kind === 'export-and-delete'))
    throw new BadInput('the plan deletes orphan channels: give --export-dir DIR for their messages');
  if (options.exportDir !== undefined) await mkdir(options.exportDir, { recursive: true });
  const outcomes = await applyStreamRepair(
    { db, stream, ...(options.exportDir !== undefined ? { exportDir: nodeSessionFs(options.exportDir) } : {}) },
    plan,
  );
  for (const outcome of outcomes) io.out(`  ${formatOutcome(outcome)}`);
  const failed = outcomes.filter((outcome) => outcome.result === 'failed').length;
  const applied = outcomes.filter((outcome) => outcome.result === 'applied').length;
  io.out(`${applied} applied, ${failed} failed, ${outcomes.length - applied - failed} skipped or left`);
  return failed > 0 ? STREAM_OPS_EXIT.found : STREAM_OPS_EXIT.ok;
}

function formatOutcome(outcome: RepairOutcome): string {
  const what = describeRepairAction(outcome.action);
  if (outcome.result === 'applied')
    return `applied: ${what}${outcome.exported !== undefined ? ` (${outcome.exported} message(s) exported)` : ''}`;
  return `${outcome.result}: ${what}${outcome.result === 'left' ? '' : ` (${outcome.why})`}`;
}

function parseGymScope(value: string | true | undefined): number[] | undefined {
  if (value === undefined || value === 'all') return undefined;
  const id = Number(value);
  if (typeof value !== 'string' || !/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(id))
    throw new BadInput(`--gym-id takes a gym id or 'all', not ${quote(String(value))}`);
  return [id];
}

async function writeJson(file: string, report: AuditReport): Promise<void> {
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
