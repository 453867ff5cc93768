/**
 * Incident D, scenario (a): the differential run finds where the async port of the webhook
 * handler differs from src/chat's, reports it like a broken invariant (shrunk, the first
 * divergence, one replay line that gives the same report), and no-leaked-work names the
 * un-awaited unread update by its line. The handler compared with itself differs in nothing
 * but the measured noise.
 */
import { describe, expect, it } from 'vitest';
import { formatDiff } from 'syncsim';
import { expectPlantedCaught, fileCaseEngine, runDiff, runScenario, withSeed } from 'syncsim/vitest';
import { chatWebhookScenario } from './chat-webhook.scenario.ts';

const engine = fileCaseEngine();

describe('chat-webhook-async-port', () => {
  it('diff handler -> async-port: a difference, shrunk, with its first divergence and one replay line', async () => {
    // Shrinking is bounded lower than a run's 300: what is checked is that it shrinks and replays.
    const result = await runDiff(chatWebhookScenario, 'handler', 'async-port', engine(), {
      seed: withSeed.seed,
      runs: 50,
      shrinkBudget: 60,
    });
    expect(result.status).toBe('different');
    // The unread update the port never awaited is missing or late: the unread table differs.
    expect(result.divergences.map((d) => d.path).join(' ')).toMatch(/chat_room_unread|actors\.stream-/);
    // Timestamps Postgres stamps with now() are noise, measured by running the handler twice.
    expect(result.noise.measured).toContain('pg.public.chat_webhook_deliveries[*].processed_at');
    const report = formatDiff(result);
    expect(report).toContain('first divergence: ');
    const replays = report.split('\n').filter((line) => line.includes('replay:'));
    expect(replays).toEqual([
      `  replay: npx syncsim diff chat-webhook-async-port handler async-port --seed=${result.seed} --path=${result.path}`,
    ]);

    const replay = await runDiff(chatWebhookScenario, 'handler', 'async-port', engine(), {
      seed: result.seed,
      path: result.path!,
    });
    expect(replay.status).toBe('different');
    expect(replay.cases).toBe(1);
    expect(replay.divergences).toEqual(result.divergences);
    expect(JSON.stringify(replay.histories)).toBe(JSON.stringify(result.histories));
  });

  it('diff handler -> handler: no difference beyond the noise it measured', async () => {
    const result = await runDiff(chatWebhookScenario, 'handler', 'handler', engine(), {
      seed: withSeed.seed,
      runs: 30,
    });
    expect(result.status).toBe('same');
    expect(result.divergences).toEqual([]);
  });

  it('no-leaked-work names the un-awaited unread update and the line that fired it', async () => {
    const result = await expectPlantedCaught(chatWebhookScenario, 'async-port', 'no-leaked-work', engine(), 100);
    const leak = result.violations.find((v) => v.invariant === 'no-leaked-work')!;
    expect(leak.details?.sql).toMatch(/^INSERT INTO chat_room_unread/);
    expect(String(leak.details?.startedAt)).toMatch(
      /^scenarios\/differential\/chat-webhook\/handle-stream-webhook-async-port\.ts:\d+ \(handleStreamWebhookAsyncPort\)/,
    );
  });

  it("two statements of one transaction waiting together (the port's Promise.all) do not hang the run", async () => {
    // Seed 4's first case: both statements of the Promise.all queue on one backend behind a lock.
    // The bridge used to stop that backend to order the waiters, stopping the oldest waiter too
    // (a harness error after 60000 polls); now it is the oldest's, and never stopped.
    const result = await runScenario(chatWebhookScenario, 'async-port', engine(), { seed: 4, path: '0' });
    expect(result.status, result.error).toBe('broken');
  });
});
