/**
 * The variant shards cover every variant exactly once, and every shard file registers its own
 * shard: a missing file or two files with one number would drop variants without a failure.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_VARIANTS_TESTS, scenarioVariantsTests } from './syncsim-test-options.ts';
import { shardOf, shardsInUse, VARIANT_SHARDS } from './variant-shards.ts';

/** Each item of `items` in exactly one of `shards` (the check; shown failing below). */
function coversOnce<T>(items: readonly T[], shards: readonly T[][]): boolean {
  const dealt = shards.flat();
  return dealt.length === items.length && items.every((item) => dealt.filter((d) => d === item).length === 1);
}

describe('variant shards', () => {
  it('deal every variant to exactly one shard, whatever the count', () => {
    for (let count = 0; count <= 3 * VARIANT_SHARDS + 1; count++) {
      const items = Array.from({ length: count }, (_, i) => `v${i}`);
      const shards = Array.from({ length: VARIANT_SHARDS }, (_, shard) => shardOf(items, shard));
      expect(coversOnce(items, shards), `${count} variants`).toBe(true);
      // A shard file with no test fails in vitest: exactly the shards in use are non-empty.
      expect(shards.filter((s) => s.length > 0).length).toBe(shardsInUse(count));
      expect(shards.slice(0, shardsInUse(count)).every((s) => s.length > 0)).toBe(true);
    }
  });

  it('the coverage check fails on a dealing that drops or repeats a variant', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect(coversOnce(items, [['a', 'c', 'e'], ['b']])).toBe(false);
    expect(
      coversOnce(items, [
        ['a', 'c', 'e'],
        ['b', 'd', 'a'],
      ]),
    ).toBe(false);
    expect(
      coversOnce(items, [
        ['a', 'c', 'e'],
        ['b', 'd'],
      ]),
    ).toBe(true);
  });

  it('spread one scenario’s neighbouring variants over the shards', () => {
    expect(shardOf(['a', 'b', 'c', 'd', 'e', 'f'], 1, 4)).toEqual(['b', 'f']);
  });

  it('refuse a shard number outside 0..shards-1', () => {
    expect(() => shardOf(['a'], VARIANT_SHARDS)).toThrow(`shard ${VARIANT_SHARDS} is not one of 0..`);
    expect(() => shardOf(['a'], -1)).toThrow('is not one of');
  });

  it('have one test file per shard, each registering its own shard number', () => {
    expect(SCENARIO_VARIANTS_TESTS).toHaveLength(VARIANT_SHARDS);
    SCENARIO_VARIANTS_TESTS.forEach((file, shard) => {
      const calls = [...readFileSync(file, 'utf8').matchAll(/describeScenarioVariants\((\d+)\)/g)];
      expect(
        calls.map((call) => Number(call[1])),
        file,
      ).toEqual([shard]);
    });
  });

  it('hand vitest only the shard files that get a variant', () => {
    expect(scenarioVariantsTests(0)).toEqual([]);
    expect(scenarioVariantsTests(2)).toEqual(SCENARIO_VARIANTS_TESTS.slice(0, 2));
    expect(scenarioVariantsTests(100)).toEqual(SCENARIO_VARIANTS_TESTS);
  });
});
