/**
 * Incident D, scenario (c): the refactored syncAll is proven equal to src/motopress's by a
 * differential run over 200 cases with HTTP and Postgres faults and crashes (tables, every
 * hotel's MotoPress, what each job returned or threw), with the latency of both printed; and
 * the same run tells a planted mutant apart, so "no difference" is a finding, not a blind spot.
 */
import { describe, expect, it } from 'vitest';
import { formatDiff } from 'syncsim';
import { fileCaseEngine, runDiff, withSeed } from 'syncsim/vitest';
import { motopressPropertyScenario } from '../motopress.scenario.ts';

const engine = fileCaseEngine();
/**
 * 200 case pairs; 25 in `npm run mutation`, which sets SYNCSIM_MUTATION_RUNS: every mutant of
 * src/motopress that the cheaper tests leave alive runs this file, and 200 pairs take a minute.
 * Fewer cases can only kill fewer mutants, so the score stays a lower bound.
 */
const RUNS = process.env['SYNCSIM_MUTATION_RUNS'] === undefined ? 200 : 25;

describe('properties-motopress: after -> refactored', () => {
  it(`no difference in ${RUNS} cases with faults; the latency table is printed, ratio 1`, async () => {
    const result = await runDiff(motopressPropertyScenario, 'after', 'refactored', engine(), {
      seed: withSeed.seed,
      runs: RUNS,
    });
    expect(result.status, formatDiff(result)).toBe('same');
    expect(result.cases).toBe(RUNS);
    const report = formatDiff(result);
    expect(report).toMatch(new RegExp(`^SAME {2}properties-motopress: after -> refactored {2}\\(${RUNS} case pairs`));
    expect(report).toContain('latency (simulated ms per actor run');
    const syncAllRow = result.latency.find((row) => row.operation === 'sync-all run');
    expect(syncAllRow?.count.new).toBeGreaterThan(RUNS);
    // Same I/O, same schedule: the same simulated time, to the millisecond.
    for (const row of result.latency) expect(row.new).toEqual(row.old);
  }, 600_000);

  it('a planted mutant (every sync rewrites updated_at) is a difference, found and shrunk', async () => {
    const result = await runDiff(motopressPropertyScenario, 'after', 'planted-always-touch', engine(), {
      seed: withSeed.seed,
      runs: 200,
      shrinkBudget: 50,
    });
    expect(result.status).toBe('different');
    expect(result.divergences.map((d) => d.path).join(' ')).toMatch(/guest_reservations\[\d+\]\.updated_at|actors\./);
    expect(formatDiff(result)).toContain(
      `replay: npx syncsim diff properties-motopress after planted-always-touch --seed=${result.seed} --path=${result.path}`,
    );
  }, 600_000);

  it('a demanded latency ratio the refactor does not meet (p95 at most 0.8x) fails the diff', async () => {
    const demanding = {
      ...motopressPropertyScenario,
      differential: { ...motopressPropertyScenario.differential, maxLatencyRatio: { p95: 0.8 } },
    };
    const result = await runDiff(demanding, 'after', 'refactored', engine(), { seed: withSeed.seed, runs: 10 });
    expect(result.status).toBe('different');
    expect(result.divergences).toEqual([]);
    expect(result.latencyMisses).toContain('sync-all run p95 1.00x > 0.80x demanded');
    expect(formatDiff(result)).toContain('slower than demanded: sync-all run p95 1.00x > 0.80x demanded');
  }, 600_000);
});
