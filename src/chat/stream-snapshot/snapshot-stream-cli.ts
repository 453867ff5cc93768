/**
 * `syncsim snapshot stream [--gym-id N] --out FILE [--keep-text]`: the gym app's chat tables and
 * its Stream app's users, channels, members and messages as one JSON file (the format in
 * stream-snapshot.ts; README "Snapshots"), read-only on both sides, for
 * `syncsim validate-migration --snapshot FILE`. Same credentials and one-line errors as
 * `syncsim audit stream`. Message texts are replaced by their length unless --keep-text; the
 * file never holds a credential (the snapshot has no field for one).
 * Exit: 0 written, 3 bad input or unreachable.
 */
import { rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Clock } from '../../clock.ts';
import { databaseUrlProblem, openDatabase } from '../../ops/open-database.ts';
import { BadInput, OPERATOR_EXIT, quote, runOperatorCommand } from '../../ops/operator-command.ts';
import { parseOperatorFlags } from '../../ops/parse-operator-flags.ts';
import { openStream, type StreamEnv } from '../open-stream.ts';
import { captureStreamSnapshot } from './capture-stream-snapshot.ts';

export const SNAPSHOT_USAGE = `usage: syncsim snapshot stream [--gym-id N] --out FILE [--keep-text]
Writes the chat tables (of gym N, or all) and the Stream app's users, channels, members and
messages to FILE as JSON, for syncsim validate-migration --snapshot FILE. Read-only on both sides.
Message texts, user names and emails are left out (their length is kept) unless --keep-text.
Environment: STREAM_API_KEY, STREAM_API_SECRET, optional STREAM_BASE_URL; DATABASE_URL.
Exit: 0 written, 3 bad input or unreachable.`;

export interface SnapshotIo {
  readonly env: StreamEnv & { readonly DATABASE_URL?: string | undefined };
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** The real clock, from the process edge: the channel listing's 429 waits use it. */
  readonly clock: Clock;
}

export async function snapshotStreamCli(args: readonly string[], io: SnapshotIo): Promise<number> {
  return runOperatorCommand('snapshot stream', args, io.err, () => snapshot(args, io));
}

async function snapshot(args: readonly string[], io: SnapshotIo): Promise<number> {
  const [command, target, ...rest] = args;
  if (command !== 'snapshot') throw new BadInput(`unknown command ${quote(String(command))}`);
  if (target === '--help' || target === '-h') {
    io.out(SNAPSHOT_USAGE);
    return OPERATOR_EXIT.ok;
  }
  if (target !== 'stream')
    throw new BadInput(`snapshot what? only 'stream' is known, got ${quote(String(target ?? ''))}`);
  const { values, positionals } = parseOperatorFlags(rest, {
    'gym-id': 'string',
    out: 'string',
    'keep-text': 'boolean',
  });
  if (values.help) {
    io.out(SNAPSHOT_USAGE);
    return OPERATOR_EXIT.ok;
  }
  if (positionals[0] !== undefined) throw new BadInput(`unexpected argument ${quote(positionals[0])}`);
  const raw = values['gym-id'];
  let gymId: number | undefined;
  if (raw !== undefined) {
    gymId = Number(raw);
    if (typeof raw !== 'string' || !/^[1-9]\d*$/.test(raw) || !Number.isSafeInteger(gymId))
      throw new BadInput(`--gym-id takes a gym id, not ${quote(String(raw))}`);
  }
  const out = values.out;
  if (typeof out !== 'string' || out === '') throw new BadInput('--out FILE is required');
  if (!(await stat(dirname(resolve(out))).catch(() => undefined))?.isDirectory())
    throw new BadInput(`--out ${quote(out)}: its folder does not exist`);
  const keepText = values['keep-text'] === true;

  const stream = await openStream(io.env);
  const problem = databaseUrlProblem(io.env.DATABASE_URL);
  if (problem) throw new BadInput(problem);
  const database = await openDatabase(io.env.DATABASE_URL!);
  try {
    if (gymId !== undefined) {
      const gym = await database.db.query('SELECT 1 FROM gyms WHERE id = $1', [gymId]);
      if ((gym.rowCount ?? 0) === 0) throw new BadInput(`gym ${gymId} does not exist`);
    }
    const taken = await captureStreamSnapshot(
      { db: database.db, stream, clock: io.clock },
      {
        keepText,
        ...(gymId !== undefined ? { gymId } : {}),
      },
    );
    // A temporary name, then rename: an interrupted capture never leaves a truncated snapshot.
    const partial = `${out}.partial`;
    await writeFile(partial, `${JSON.stringify(taken, null, 2)}\n`);
    await rename(partial, out);
    const rows = Object.values(taken.tables).reduce((sum, table) => sum + table.length, 0);
    const messages = taken.stream.channels.reduce((sum, channel) => sum + channel.messages.length, 0);
    io.out(
      `${gymId === undefined ? 'all gyms' : `gym ${gymId}`}: ${rows} row(s), ${taken.stream.users.length} user(s), ` +
        `${taken.stream.channels.length} channel(s), ${messages} message(s) -> ${out}` +
        (keepText ? ' (message texts kept)' : ' (message texts replaced by their length)'),
    );
    return OPERATOR_EXIT.ok;
  } finally {
    await database.end();
  }
}
