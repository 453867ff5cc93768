/**
 * The cleanup on the report's numbers: the dry-run prints exactly 12/11/86 = 109, apply fixes
 * the data (the bot invariants hold afterwards, healthy chats untouched), a second apply is 0.
 */
import { describe, expect, it } from 'vitest';
import { formatBotCleanup } from '../../../src/bot/apply-bot-cleanup.ts';
import { runCase, fileCaseEngine, type GateRequest } from 'syncsim/vitest';
import * as fc from 'fast-check';
import { cleanup109Scenario, type CleanupWorld } from './cleanup-109.scenario.ts';
import { readdir } from 'node:fs/promises';

const engine = fileCaseEngine();

async function runVariant(name: 'apply' | 'dry-run-only') {
  const [scheduler] = fc.sample(fc.scheduler<GateRequest>(), { seed: 1, numRuns: 1 });
  let world: CleanupWorld | undefined;
  const scenario = {
    ...cleanup109Scenario,
    world: async (ctx: Parameters<typeof cleanup109Scenario.world>[0]) => (world = await cleanup109Scenario.world(ctx)),
  };
  const outcome = await runCase(scenario, cleanup109Scenario.variants[name]!, null, scheduler!, engine(), 1);
  return { outcome, world: world!, files: await readdir(engine().sessionDir) };
}

describe('stuck-bot cleanup: 12 + 11 + 86 = 109', () => {
  it('dry-run reports exactly the report, apply does it, a second apply does nothing', async () => {
    const { outcome, world, files } = await runVariant('apply');
    expect(outcome.violations).toEqual([]);
    expect(world.reports.map(formatBotCleanup)).toEqual([
      'dry-run: 12 orphan files, 11 files of closed conversations, 86 closed conversations with bot fields = 109 operations',
      'apply: 12 orphan files, 11 files of closed conversations, 86 closed conversations with bot fields = 109 operations',
      'apply: 0 orphan files, 0 files of closed conversations, 0 closed conversations with bot fields = 0 operations',
    ]);
    // The five healthy bot chats keep their sessions.
    expect(files.sort()).toEqual([
      'whatsapp_51940000000_1.json',
      'whatsapp_51940000001_1.json',
      'whatsapp_51940000002_1.json',
      'whatsapp_51940000003_1.json',
      'whatsapp_51940000004_1.json',
    ]);
    const { rows } = await engine().admin.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM crm_conversations WHERE assigned_to = 'bot' OR bot_flow_id IS NOT NULL GROUP BY status`,
    );
    expect(rows).toEqual([{ status: 'active', n: 5 }]);
  });

  it('dry-run only: the invariants catch that nothing was fixed', async () => {
    const { outcome, files } = await runVariant('dry-run-only');
    expect([...new Set(outcome.violations.map((v) => v.invariant))]).toEqual(['no-stale-bot-fields']);
    expect(outcome.violations).toHaveLength(86);
    expect(files).toHaveLength(12 + 11 + 5);
  });
});
