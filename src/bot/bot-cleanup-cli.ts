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
import pg from 'pg';
import { fromPgPool } from '../db/from-pg-pool.ts';
import { formatBotCleanup, runBotCleanup } from './apply-bot-cleanup.ts';
import { nodeSessionFs } from './node-session-fs.ts';
import { SessionStore } from './session-store.ts';

export const BOT_CLEANUP_USAGE =
  'usage: bot-cleanup --sessions-dir DIR [--apply] [--debug]   (DATABASE_URL names the CRM database)';

/**
 * The same codes as syncsim's (sims/cli/exit-codes.ts); src/ may not import the harness, so
 * they are repeated here and a test checks that they agree.
 */
export const BOT_CLEANUP_EXIT = { ok: 0, error: 3 } as const;

class BadInput extends Error {}

export async function botCleanupCli(
  args: string[],
  env: { DATABASE_URL?: string | undefined },
  out: (line: string) => void,
  err: (line: string) => void = out,
): Promise<number> {
  const debug = args.includes('--debug');
  try {
    return await cleanup(args, env, out);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // eslint-disable-next-line no-control-regex
    const line = (message.split('\n')[0] ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ');
    const hint = error instanceof BadInput ? '; see --help' : debug ? '' : ' (--debug shows the stack)';
    err(`bot-cleanup: ${line}${hint}`);
    if (debug && error instanceof Error) err(error.stack ?? message);
    return BOT_CLEANUP_EXIT.error;
  }
}

async function cleanup(args: string[], env: { DATABASE_URL?: string | undefined }, out: (line: string) => void) {
  const values = parseFlags(args);
  if (values.help) {
    out(BOT_CLEANUP_USAGE);
    return BOT_CLEANUP_EXIT.ok;
  }
  const dir = values['sessions-dir'];
  if (!dir) throw new BadInput('--sessions-dir is required');
  const url = env.DATABASE_URL;
  if (!url) throw new BadInput('DATABASE_URL is not set');
  const problem = databaseUrlProblem(url);
  if (problem) throw new BadInput(problem);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new BadInput(`--sessions-dir ${quote(dir)} is not a directory`);

  // Bounded connect: an unreachable host must fail in one line, not hang the operator's shell.
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  // An idle client whose server goes away must not crash the process with an unhandled 'error'.
  pool.on('error', () => undefined);
  try {
    await pool
      .connect()
      .then((client) => client.release())
      .catch((error: unknown) => {
        const { hostname, port, pathname } = new URL(url);
        const reason = (error instanceof Error ? error.message : '') || codeOf(error);
        throw new BadInput(`cannot connect to DATABASE_URL (${hostname}:${port || 5432}${pathname}): ${reason}`, {
          cause: error,
        });
      });
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
    return BOT_CLEANUP_EXIT.ok;
  } finally {
    await pool.end();
  }
}

function parseFlags(args: string[]): { 'sessions-dir'?: string; apply?: boolean; help?: boolean } {
  const values: { 'sessions-dir'?: string; apply?: boolean; help?: boolean } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    if (name === '--debug' && inline === undefined) continue;
    if ((name === '--apply' || name === '--help' || name === '-h') && inline === undefined) {
      const key = name === '--apply' ? 'apply' : 'help';
      if (values[key]) throw new BadInput(`${name} is given twice`);
      values[key] = true;
    } else if (name === '--sessions-dir') {
      const value = inline ?? args[++i];
      if (value === undefined || (inline === undefined && value.startsWith('-')))
        throw new BadInput('--sessions-dir needs a value');
      if (values['sessions-dir'] !== undefined) throw new BadInput('--sessions-dir is given twice');
      values['sessions-dir'] = value;
    } else if (name.startsWith('-')) {
      throw new BadInput(
        inline !== undefined && ['--apply', '--help', '--debug'].includes(name)
          ? `${name} takes no value`
          : `unknown flag ${quote(name)}`,
      );
    } else {
      throw new BadInput(`unexpected argument ${quote(arg)} (the directory goes after --sessions-dir)`);
    }
  }
  return values;
}

/** DATABASE_URL is checked before connecting; its value is never echoed (it holds a password). */
function databaseUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database)';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    return `DATABASE_URL must start with postgres:// or postgresql://, not ${parsed.protocol}//`;
  if (parsed.hostname === '') return 'DATABASE_URL names no host';
  return undefined;
}

/** A user's value in a message: quoted, control characters escaped so the error stays one line. */
function quote(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(value) ? JSON.stringify(value) : `'${value}'`;
}

function codeOf(error: unknown): string {
  return (error as { code?: string } | null)?.code ?? 'connection failed';
}
