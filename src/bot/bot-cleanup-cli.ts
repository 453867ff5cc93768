/**
 * The incident's cleanup as an operator runs it:
 *   DATABASE_URL=postgres://... npm run bot-cleanup -- --sessions-dir /var/bot/sessions [--apply]
 * Dry-run by default: prints the counts per category and changes nothing. `--apply` applies
 * (each operation re-checked under its conversation's lock), and a second `--apply` reports 0.
 * A bad flag, a missing directory or no DATABASE_URL is one line naming the problem, exit 2,
 * and nothing is touched.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { fromPgPool } from '../db/from-pg-pool.ts';
import { formatBotCleanup, runBotCleanup } from './apply-bot-cleanup.ts';
import { nodeSessionFs } from './node-session-fs.ts';
import { SessionStore } from './session-store.ts';

export const BOT_CLEANUP_USAGE =
  'usage: bot-cleanup --sessions-dir DIR [--apply]   (DATABASE_URL names the CRM database)';

export async function botCleanupCli(
  args: string[],
  env: { DATABASE_URL?: string | undefined },
  out: (line: string) => void,
): Promise<number> {
  let values: { 'sessions-dir'?: string; apply?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { 'sessions-dir': { type: 'string' }, apply: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    out(`bot-cleanup: ${(error as Error).message}\n${BOT_CLEANUP_USAGE}`);
    return 2;
  }
  if (values.help) {
    out(BOT_CLEANUP_USAGE);
    return 0;
  }
  const dir = values['sessions-dir'];
  if (!dir) return fail(out, '--sessions-dir is required');
  if (!env.DATABASE_URL) return fail(out, 'DATABASE_URL is not set');
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return fail(out, `--sessions-dir ${dir} is not a directory`);

  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
  try {
    const report = await runBotCleanup(
      {
        db: fromPgPool(pool),
        sessions: new SessionStore(nodeSessionFs(dir), { tempTag: () => `cleanup-${process.pid}` }),
      },
      { apply: values.apply === true },
    );
    out(formatBotCleanup(report));
    if (report.mode === 'dry-run' && report.planned.total > 0)
      out('nothing was changed; run again with --apply to apply');
    return 0;
  } finally {
    await pool.end();
  }
}

function fail(out: (line: string) => void, problem: string): number {
  out(`bot-cleanup: ${problem}\n${BOT_CLEANUP_USAGE}`);
  return 2;
}
