/**
 * Shrinking is bounded by a count of shrink cases: past it the smallest failure found so far is
 * reported, the report says shrinking stopped, and (seed, path) still replays that case.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineInvariant } from '../invariants/invariant.ts';
import { formatRun } from '../report/format-run.ts';
import { fileCaseEngine } from '../testing/scenario-suite.ts';
import { runScenario } from './run-scenario.ts';
import { defineScenario } from './scenario.ts';

const engine = fileCaseEngine();

/** Breaks whenever the numbers add up to more than 100: fast-check can shrink that for a while. */
const scenario = defineScenario<number[], number[]>({
  id: 'shrink-probe',
  kind: 'example',
  title: 'a sum that must stay small',
  input: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 5, maxLength: 30 }),
  world: ({ input }) => Promise.resolve(input),
  invariants: [
    defineInvariant<number[]>({
      name: 'small-sum',
      kind: 'safety',
      description: 'the numbers add up to at most 100',
      check: ({ world }) => {
        const sum = world.reduce((a, b) => a + b, 0);
        return sum > 100 ? [{ invariant: 'small-sum', message: `sum ${sum}` }] : [];
      },
    }),
  ],
  variants: { any: { description: 'no actors', expect: 'breaks', breaks: ['small-sum'], actors: () => [] } },
  defaultVariant: 'any',
});

describe('the shrink budget', () => {
  it('stops after the budgeted shrink cases, says so, and the reported case replays', async () => {
    const result = await runScenario(scenario, 'any', engine(), { seed: 5, runs: 50, shrinkBudget: 3 });
    expect(result.status).toBe('broken');
    expect(result.shrinkCases).toBe(3);
    expect(result.shrinkStopped).toBe(true);
    expect(formatRun(result)).toContain('shrinking stopped at its budget of 3 cases');
    const replay = await runScenario(scenario, 'any', engine(), { seed: result.seed, path: result.path! });
    expect(replay.counterexample).toBe(result.counterexample);
    expect(replay.broken).toEqual(['small-sum']);
  });

  it('shrinks to the end when the budget allows, and then does not claim it stopped', async () => {
    const result = await runScenario(scenario, 'any', engine(), { seed: 5, runs: 50, shrinkBudget: 10_000 });
    expect(result.shrinkStopped).toBe(false);
    expect(result.shrinkCases).toBeGreaterThan(3);
    expect(formatRun(result)).not.toContain('shrinking stopped');
    // Shrunk to the minimum length and to the edge of the invariant: a sum of exactly 101.
    const shrunk = JSON.parse(result.counterexample!) as number[];
    expect(shrunk).toHaveLength(5);
    expect(shrunk.reduce((a, b) => a + b, 0)).toBe(101);
  });
});
