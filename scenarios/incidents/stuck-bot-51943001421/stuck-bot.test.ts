/**
 * The incident, reproduced: before and as-shipped fail exactly as the report says (and on the
 * conversations it names), after holds. `npx syncsim reproduce stuck-bot-51943001421`.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, expectMet, fileCaseEngine, withSeed } from 'syncsim/vitest';
import {
  FLOW_IN_ROW_CONVERSATION,
  INCIDENT_CONVERSATION,
  MISSING_FILE_CONVERSATION,
  stuckBotScenario,
} from './stuck-bot.scenario.ts';

const engine = fileCaseEngine();

const stuckIds = (violations: { invariant: string; details?: Record<string, unknown> }[]) =>
  violations.filter((v) => v.invariant === 'no-stuck-bot-conversation').map((v) => v.details?.conversationId);

describe('stuck-bot-51943001421', () => {
  it('before: chat 51943001421 is never processed and the closed chat keeps its file', async () => {
    const result = expectMet(await runScenario(stuckBotScenario, 'before', engine(), withSeed));
    expect(result.status).toBe('broken');
    expect(result.broken.sort()).toEqual(['no-orphan-session', 'no-stuck-bot-conversation']);
    expect(stuckIds(result.violations)).toContain(INCIDENT_CONVERSATION);
    expect(result.violations.filter((v) => v.invariant === 'no-orphan-session').map((v) => v.message)).toEqual([
      'whatsapp_51943001422_1.json: conversation is closed',
    ]);
    // Not a race: the chat is stuck whatever the order, so the interleaving a person draws is the
    // plain one (each actor to its end, lowest-named first): 0 preemptions, same two invariants.
    expect(result.minimal).toMatchObject({ after: 0, schedule: '', budgetHit: false });
    expect(stuckIds(result.minimal!.violations)).toContain(INCIDENT_CONVERSATION);
  });

  it('as-shipped: closes 51943001421 (flow id from the file) but the missing-file chat stays stuck', async () => {
    const result = expectMet(await runScenario(stuckBotScenario, 'as-shipped', engine(), withSeed));
    expect(result.broken).toEqual(['no-stuck-bot-conversation']);
    expect(stuckIds(result.violations)).toEqual([MISSING_FILE_CONVERSATION]);
    expect(stuckIds(result.violations)).not.toContain(INCIDENT_CONVERSATION);
  });

  it('after: all three shapes closed, no file left, in either close order', async () => {
    const result = expectMet(await runScenario(stuckBotScenario, 'after', engine(), withSeed));
    expect(result.status).toBe('held');
    // Every close that the history shows completing with one row updated, by conversation id.
    const closedIds = result.history
      .filter(
        (e) =>
          e.system === 'pg' && e.type === 'invoke' && JSON.stringify(e.args ?? null).includes("SET status = 'closed'"),
      )
      .filter((invoke) =>
        result.history.some(
          (e) => e.op === invoke.index && e.type === 'ok' && (e.result as { rowCount?: number }).rowCount === 1,
        ),
      )
      .map((invoke) => (invoke.args as { params: unknown[] }).params[0]);
    expect(closedIds.sort()).toEqual([INCIDENT_CONVERSATION, FLOW_IN_ROW_CONVERSATION, MISSING_FILE_CONVERSATION]);
  });
});
