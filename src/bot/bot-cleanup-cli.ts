/**
 * The incident's cleanup as an operator runs it:
 *   DATABASE_URL=postgres://... npm run bot-cleanup -- --sessions-dir /var/bot/sessions [--apply]
 * Dry-run by default: prints the counts per category and changes nothing. `--apply` applies
 * (each operation re-checked under its conversation's lock), and a second `--apply` reports 0.
 * Any error - a bad flag, a missing directory, no or a malformed DATABASE_URL, a database that
 * cannot be reached - is one line on stderr naming the problem (the stack only with --debug),
 * exit 3, and nothing is touched.
 */
import { stat } from 'node:fs/promises';
import { openDatabase, databaseUrlProblem } from '../ops/open-database.ts';
import { BadInput, OPERATOR_EXIT, quote, runOperatorCommand } from '../ops/operator-command.ts';
import { parseOperatorFlags } from '../ops/parse-operator-flags.ts';
import { formatBotCleanup, runBotCleanup } from './apply-bot-cleanup.ts';
import { nodeSessionFs } from './node-session-fs.ts';
import { SessionStore } from './session-store.ts';

export const BOT_CLEANUP_USAGE =
  'usage: bot-cleanup --sessions-dir DIR [--apply] [--debug]   (DATABASE_URL names the CRM database)';

/** syncsim's codes (a test checks that they agree). */
export const BOT_CLEANUP_EXIT = OPERATOR_EXIT;

export async function botCleanupCli(
  args: string[],
  env: { DATABASE_URL?: string | undefined },
  out: (line: string) => void,
  err: (line: string) => void = out,
): Promise<number> {
  return runOperatorCommand('bot-cleanup', args, err, () => cleanup(args, env, out));
}

async function cleanup(args: string[], env: { DATABASE_URL?: string | undefined }, out: (line: string) => void) {
  const { values, positionals } = parseOperatorFlags(args, {
    // Stryker disable next-line StringLiteral: parseOperatorFlags treats every kind but 'boolean' as a string flag, so '' parses the same
    'sessions-dir': 'string',
    apply: 'boolean',
  });
  if (positionals[0] !== undefined)
    throw new BadInput(`unexpected argument ${quote(positionals[0])} (the directory goes after --sessions-dir)`);
  if (values.help) {
    out(BOT_CLEANUP_USAGE);
    return BOT_CLEANUP_EXIT.ok;
  }
  const dir = values['sessions-dir'];
  if (typeof dir !== 'string') throw new BadInput('--sessions-dir is required');
  const url = env.DATABASE_URL;
  const problem = databaseUrlProblem(url);
  if (problem) throw new BadInput(problem);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new BadInput(`--sessions-dir ${quote(dir)} is not a directory`);

  const database = await openDatabase(url!);
  try {
    const report = await runBotCleanup(
      {
        db: database.db,
        // The cleanup only lists and deletes files, never writes one: no temp tag to choose.
        sessions: new SessionStore(nodeSessionFs(dir)),
      },
      { apply: values.apply === true },
    );
    out(formatBotCleanup(report));
    if (report.mode === 'dry-run' && report.planned.total > 0)
      out('nothing was changed; run again with --apply to apply');
    return BOT_CLEANUP_EXIT.ok;
  } finally {
    await database.end();
  }
}
