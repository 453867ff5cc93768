/**
 * The cleanup as an operator runs it (src/bot/bot-cleanup-cli.ts), on the report's world in a
 * real database and a real directory: dry-run prints 12/11/86 = 109 and changes nothing, --apply
 * applies, a second --apply reports 0; bad input is one line on stderr, exit 3, nothing touched.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_CLEANUP_EXIT, botCleanupCli } from '../../../src/bot/bot-cleanup-cli.ts';
import { EXIT, SimClock, Rng } from 'syncsim';
import { resetDatabase, type CaseEngine, useCaseEngine } from 'syncsim/vitest';
import { cleanup109Scenario } from './cleanup-109.scenario.ts';

let engine: CaseEngine;
let dir: string;
beforeAll(async () => {
  engine = await useCaseEngine();
  dir = await mkdtemp(join(tmpdir(), 'syncsim-bot-cleanup-'));
  await resetDatabase(engine.resetter);
  await cleanup109Scenario.world({
    db: engine.admin,
    input: null,
    rng: new Rng(1),
    clock: new SimClock(Date.parse('2025-11-21T12:00:00Z')),
    sessionDir: dir,
    http: { use: () => undefined },
  });
});
afterAll(async () => {
  await engine?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: { DATABASE_URL?: string } = { DATABASE_URL: engine.url }) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await botCleanupCli(
    args,
    env,
    (line) => lines.push(line),
    (line) => errors.push(line),
  );
  return { code, out: lines.join('\n'), err: errors.join('\n') };
}

/** One line on stderr naming the problem, exit 3, nothing on stdout. */
const refused = (problem: RegExp) => ({
  code: 3,
  out: '',
  err: expect.stringMatching(new RegExp(`^bot-cleanup: ${problem.source}[^\\n]*$`)) as unknown,
});

const staleRows = async () =>
  (
    await engine.admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM crm_conversations WHERE status = 'closed' AND (bot_flow_id IS NOT NULL OR bot_started_at IS NOT NULL OR assigned_to = 'bot')`,
    )
  ).rows[0]!.n;

describe('bot-cleanup CLI', () => {
  it('refuses bad input in one line, exit 3 (as syncsim), and touches nothing', async () => {
    expect(BOT_CLEANUP_EXIT).toEqual({ ok: EXIT.ok, error: EXIT.error });
    expect(await cli(['--sessions-dir', dir, '--aply'])).toEqual(refused(/unknown flag '--aply'/));
    expect(await cli(['--apply'])).toEqual(refused(/--sessions-dir is required/));
    expect(await cli(['--sessions-dir', join(dir, 'nope'), '--apply'])).toEqual(
      refused(/--sessions-dir .* is not a directory/),
    );
    expect(await cli(['--sessions-dir', dir, '--apply'], {})).toEqual(refused(/DATABASE_URL is not set/));
    expect(await cli(['--sessions-dir', dir, '--apply'], { DATABASE_URL: 'not-a-url' })).toEqual(
      refused(/DATABASE_URL is not a URL/),
    );
    // A port nothing listens on (1: tcpmux, never a Postgres): the raw pg error used to escape as a stack, exit 1.
    expect(await cli(['--sessions-dir', dir, '--apply'], { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/crm' })).toEqual(
      refused(/cannot connect to DATABASE_URL \(127\.0\.0\.1:1\/crm\): .*ECONNREFUSED/),
    );
    expect(await readdir(dir)).toHaveLength(12 + 11 + 5);
    expect(await staleRows()).toBe(86);
  });

  it('dry-run reports 109 and changes nothing; --apply applies; a second --apply reports 0', async () => {
    const dry = await cli(['--sessions-dir', dir]);
    expect(dry).toEqual({
      code: 0,
      out: 'dry-run: 12 orphan files, 11 files of closed conversations, 86 closed conversations with bot fields = 109 operations\nnothing was changed; run again with --apply to apply',
      err: '',
    });
    expect(await readdir(dir)).toHaveLength(28);
    expect(await staleRows()).toBe(86);

    expect(await cli(['--sessions-dir', dir, '--apply'])).toEqual({
      code: 0,
      out: 'apply: 12 orphan files, 11 files of closed conversations, 86 closed conversations with bot fields = 109 operations',
      err: '',
    });
    expect((await readdir(dir)).sort()).toEqual([
      'whatsapp_51940000000_1.json',
      'whatsapp_51940000001_1.json',
      'whatsapp_51940000002_1.json',
      'whatsapp_51940000003_1.json',
      'whatsapp_51940000004_1.json',
    ]);
    expect(await staleRows()).toBe(0);

    expect(await cli(['--sessions-dir', dir, '--apply'])).toEqual({
      code: 0,
      out: 'apply: 0 orphan files, 0 files of closed conversations, 0 closed conversations with bot fields = 0 operations',
      err: '',
    });
  });
});
