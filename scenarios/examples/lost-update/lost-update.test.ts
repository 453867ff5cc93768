/**
 * The engine's proof on the smallest race: the naive read-modify-write must be caught with a
 * shrunk counterexample and one replay command, the replay must be byte-identical, and the
 * locked variant must hold for 200 runs (which exercises the lock-wait yield point).
 */
import { describe, expect, it } from 'vitest';
import { formatRun } from 'syncsim';
import { runScenario, expectMet, fileCaseEngine, withSeed } from 'syncsim/vitest';
import { lostUpdateScenario } from './lost-update.scenario.ts';

const engine = fileCaseEngine();

describe('lost-update', () => {
  it('naive: breaks no-lost-update, shrinks, prints one replay command, replays identically', async () => {
    const result = expectMet(await runScenario(lostUpdateScenario, 'naive', engine(), { ...withSeed, runs: 100 }));
    expect(result.status).toBe('broken');
    expect(result.broken).toEqual(['no-lost-update']);
    // Shrunk towards the smallest case that can lose an update (two deliveries of one message).
    // fast-check shrinks the input, not the interleaving: the result is never larger than the
    // first failure, though not always [1,1] (over 20 seeds: [1,1] 13 times, at most 5 messages).
    const total = (printed: string) =>
      (JSON.parse(printed) as { deliveries: number[] }).deliveries.reduce((a, b) => a + b, 0);
    expect(result.firstFailure).toBeDefined();
    expect(total(result.counterexample!)).toBeLessThanOrEqual(total(result.firstFailure!));
    expect(total(result.counterexample!)).toBeGreaterThanOrEqual(2);

    const report = formatRun(result);
    const replayLines = report.split('\n').filter((line) => line.includes('syncsim run'));
    // One replay line: the shrunk case under its minimised schedule (see the test below).
    expect(replayLines).toEqual([
      `  replay: npx syncsim run lost-update:naive --seed=${result.seed} --path=${result.path} --schedule=${result.minimal!.schedule}`,
    ]);

    const replay = { seed: result.seed, path: result.path! };
    const first = await runScenario(lostUpdateScenario, 'naive', engine(), replay);
    const second = await runScenario(lostUpdateScenario, 'naive', engine(), replay);
    expect(first.status).toBe('broken');
    expect(first.cases).toBe(1);
    expect(JSON.stringify(first.history)).toBe(JSON.stringify(second.history));
    // The replay is the very case that was reported, not merely another failure.
    expect(JSON.stringify(first.history)).toBe(JSON.stringify(result.history));
    expect(first.violations).toEqual(result.violations);
  });

  it("naive: the schedule minimises to the race a person draws, exactly 1 preemption: one delivery's read between another's read and write", async () => {
    const result = expectMet(await runScenario(lostUpdateScenario, 'naive', engine(), { ...withSeed, runs: 100 }));
    const minimal = result.minimal!;
    expect(minimal.budgetHit).toBe(false);
    expect(minimal.after).toBe(1);
    expect(minimal.before).toBeGreaterThanOrEqual(minimal.after);
    // e.g. webhook-2:select.crm_conversations:0@webhook-1:select.crm_conversations:0
    const [, reader, earlier] = /^([\w-]+):select\.crm_conversations:\d+@([\w-]+):select\.crm_conversations:\d+$/.exec(
      minimal.schedule,
    ) ?? [minimal.schedule, '', '', ''];
    expect(minimal.schedule).toMatch(/^[\w-]+:select\.crm_conversations:\d+@[\w-]+:select\.crm_conversations:\d+$/);
    expect(reader).not.toBe(earlier);
    // The four statements in the order a person draws them: A reads, B reads, then both write.
    const statements = minimal.history
      .filter(
        (event) => event.type === 'invoke' && typeof (event.args as { sql?: unknown } | undefined)?.sql === 'string',
      )
      .map((event) => `${event.actor} ${(event.args as { sql: string }).sql.split(' ')[0]}`);
    expect(statements).toContain(`${earlier} SELECT`);
    const firstTwo = statements.indexOf(`${earlier} SELECT`);
    expect(statements[firstTwo + 1]).toBe(`${reader} SELECT`);
    expect(formatRun(result)).toContain(`schedule minimised: ${minimal.before} preemption`);

    // The minimal replay line replays the minimal interleaving, and breaks the same invariant.
    const replay = await runScenario(lostUpdateScenario, 'naive', engine(), {
      seed: result.seed,
      path: result.path!,
      schedule: minimal.schedule,
    });
    expect(replay.broken).toEqual(['no-lost-update']);
    expect(JSON.stringify(replay.history)).toBe(JSON.stringify(minimal.history));
    // Without the departure the default policy runs the deliveries one after the other: no loss.
    const serial = await runScenario(lostUpdateScenario, 'naive', engine(), {
      seed: result.seed,
      path: result.path!,
      schedule: '',
    });
    expect(serial.status).toBe('held');
  });

  it('locked: a case where three or more deliveries queue on the row lock replays identically', async () => {
    // Several waiters on one row are woken together by a COMMIT and race inside Postgres; the
    // bridge pauses all but the oldest so the hand-over order, and so the history, is fixed.
    // A fixed seed, not the run's: this test needs a case of a particular shape among the first
    // 40, and this seed is known to have one.
    const fixedSeed = 20251121;
    let replayed: Awaited<ReturnType<typeof runScenario>> | undefined;
    for (let index = 0; index < 40 && !replayed; index++) {
      const candidate = await runScenario(lostUpdateScenario, 'locked', engine(), {
        seed: fixedSeed,
        path: String(index),
      });
      if (candidate.lockWaits >= 3 && (candidate.counterexample?.match(/,/g)?.length ?? 0) >= 2) replayed = candidate;
    }
    expect(replayed, 'no case with 3+ deliveries and 3+ lock waits among the first 40').toBeDefined();
    const again = await runScenario(lostUpdateScenario, 'locked', engine(), { seed: fixedSeed, path: replayed!.path! });
    expect(again.lockWaits).toBe(replayed!.lockWaits);
    expect(JSON.stringify(again.history)).toBe(JSON.stringify(replayed!.history));
  });

  it('locked: holds for 200 runs, with lock waits actually exercised', async () => {
    const result = expectMet(await runScenario(lostUpdateScenario, 'locked', engine(), { ...withSeed, runs: 200 }));
    expect(result.status).toBe('held');
    expect(result.cases).toBe(200);
    // Without lock waits this would only show that the scheduler never interleaved the two.
    expect(result.lockWaits).toBeGreaterThan(0);
  });
});
