/**
 * The cleanup as an operator runs it (src/bot/bot-cleanup-cli.ts), on the report's world in a
 * real database and a real directory: dry-run prints 12/11/86 = 109 and changes nothing, --apply
 * applies, a second --apply reports 0; bad input is one line, exit 2, nothing touched.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botCleanupCli } from '../../../src/bot/bot-cleanup-cli.ts';
import { SimClock, Rng } from 'syncsim';
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
  const code = await botCleanupCli(args, env, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

const staleRows = async () =>
  (
    await engine.admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM crm_conversations WHERE status = 'closed' AND (bot_flow_id IS NOT NULL OR bot_started_at IS NOT NULL OR assigned_to = 'bot')`,
    )
  ).rows[0]!.n;

describe('bot-cleanup CLI', () => {
  it('refuses bad input in one line, exit 2, and touches nothing', async () => {
    expect(await cli(['--sessions-dir', dir, '--aply'])).toMatchObject({
      code: 2,
      out: expect.stringMatching(/^bot-cleanup: Unknown option '--aply'/) as unknown,
    });
    expect(await cli(['--apply'])).toMatchObject({
      code: 2,
      out: expect.stringMatching(/^bot-cleanup: --sessions-dir is required\n/) as unknown,
    });
    expect(await cli(['--sessions-dir', join(dir, 'nope'), '--apply'])).toMatchObject({
      code: 2,
      out: expect.stringContaining('is not a directory') as unknown,
    });
    expect(await cli(['--sessions-dir', dir, '--apply'], {})).toMatchObject({
      code: 2,
      out: expect.stringMatching(/^bot-cleanup: DATABASE_URL is not set/) as unknown,
    });
    expect(await readdir(dir)).toHaveLength(12 + 11 + 5);
    expect(await staleRows()).toBe(86);
  });

  it('dry-run reports 109 and changes nothing; --apply applies; a second --apply reports 0', async () => {
    const dry = await cli(['--sessions-dir', dir]);
    expect(dry).toEqual({
      code: 0,
      out: 'dry-run: 12 orphan files, 11 files of closed conversations, 86 closed conversations with bot fields = 109 operations\nnothing was changed; run again with --apply to apply',
    });
    expect(await readdir(dir)).toHaveLength(28);
    expect(await staleRows()).toBe(86);

    expect(await cli(['--sessions-dir', dir, '--apply'])).toEqual({
      code: 0,
      out: 'apply: 12 orphan files, 11 files of closed conversations, 86 closed conversations with bot fields = 109 operations',
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
    });
  });
});
