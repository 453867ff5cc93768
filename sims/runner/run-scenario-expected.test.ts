/**
 * Which failure a run reports: a `breaks` variant searches past cases that break only other
 * invariants (and says it saw them), shrinking never slips from the failure found to a
 * different one, and a run whose named invariants never broke still reports what did break.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineInvariant, type Invariant } from '../invariants/invariant.ts';
import { formatRun } from '../report/format-run.ts';
import { fileCaseEngine } from '../testing/scenario-suite.ts';
import { runScenario } from './run-scenario.ts';
import { defineScenario } from './scenario.ts';

const engine = fileCaseEngine();

const sum = (numbers: number[]) => numbers.reduce((a, b) => a + b, 0);

const check = (name: string, broken: (numbers: number[]) => boolean): Invariant<number[]> =>
  defineInvariant<number[]>({
    name,
    kind: 'safety',
    description: name,
    check: ({ world }) => (broken(world) ? [{ invariant: name, message: JSON.stringify(world) }] : []),
  });

/**
 * `no-large-sum` (numbers adding up to more than 2500) needs several large numbers; `no-small`
 * (a number under 10) breaks often, and shrinking numbers towards 0 drifts into it: an
 * unguarded shrink of a large sum ends at [0].
 */
const scenario = defineScenario<number[], number[]>({
  id: 'expected-probe',
  kind: 'example',
  title: 'two invariants, one easy to break',
  input: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }),
  world: ({ input }) => Promise.resolve(input),
  invariants: [
    check('no-large-sum', (w) => sum(w) > 2500),
    check('no-small', (w) => w.some((n) => n < 10)),
    check('never', () => false),
  ],
  variants: {
    large: {
      description: 'must show no-large-sum broken',
      expect: 'breaks',
      breaks: ['no-large-sum'],
      actors: () => [],
    },
    never: { description: 'names an invariant nothing breaks', expect: 'breaks', breaks: ['never'], actors: () => [] },
    holds: { description: 'claims to hold', expect: 'holds', actors: () => [] },
  },
  defaultVariant: 'large',
});

describe('the failure a run reports', () => {
  it('a breaks variant goes past cases that break only other invariants, and keeps its own while shrinking', async () => {
    // Seed 2 draws cases with a small number before the first large sum.
    const result = await runScenario(scenario, 'large', engine(), { seed: 2, runs: 200 });
    expect(result.status).toBe('broken');
    expect(result.met).toBe(true);
    expect(result.broken).toEqual(['no-large-sum']);
    expect(result.alsoBroken).toEqual(['no-small']);
    expect(formatRun(result)).toContain('also broken by other cases of this run: no-small');
    // Shrunk, but never into a case that breaks only no-small.
    const shrunk = JSON.parse(result.counterexample!) as number[];
    expect(shrunk.length).toBeLessThan((JSON.parse(result.firstFailure!) as number[]).length);
    expect(sum(shrunk)).toBeGreaterThan(2500);
  });

  it('shrinking a holds variant keeps an invariant the first failure broke', async () => {
    // Seed 1's first failure is a large sum of numbers all above 10.
    const result = await runScenario(scenario, 'holds', engine(), { seed: 1, runs: 200 });
    expect(result.status).toBe('broken');
    expect(result.met).toBe(false);
    const first = JSON.parse(result.firstFailure!) as number[];
    expect(sum(first) > 2500 && first.every((n) => n >= 10)).toBe(true);
    expect(result.broken).toEqual(['no-large-sum']);
  });

  it('when the named invariants never break, the case that broke others is reported, unmet, and replays', async () => {
    const result = await runScenario(scenario, 'never', engine(), { seed: 11, runs: 30 });
    expect(result.status).toBe('broken');
    expect(result.met).toBe(false);
    expect(result.shrinks).toBe(0);
    expect(result.path).toMatch(/^\d+$/);
    const replay = await runScenario(scenario, 'never', engine(), { seed: result.seed, path: result.path! });
    expect(replay.counterexample).toBe(result.counterexample);
    expect(replay.broken).toEqual(result.broken);
  });
});
