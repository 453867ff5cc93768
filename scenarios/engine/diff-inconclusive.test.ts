/**
 * A differential run is only as good as the old variant's determinism: an actor whose result
 * depends on something outside the case (here a counter that lives across cases) differs from
 * itself in the self-comparison, and the diff says so (inconclusive, exit 2) instead of
 * reporting the new variant as different or the same.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineScenario, EXIT, formatDiff } from 'syncsim';
import { fileCaseEngine, runDiff } from 'syncsim/vitest';

const engine = fileCaseEngine();
let calls = 0;

const leakyState = defineScenario<null, null>({
  id: 'diff-inconclusive-probe',
  kind: 'example',
  title: 'an actor that returns what it counted in earlier cases',
  input: fc.constant(null),
  world: () => Promise.resolve(null),
  invariants: [],
  variants: {
    counter: {
      description: 'returns a counter kept outside the case',
      expect: 'holds',
      actors: () => [{ name: 'counter', run: () => Promise.resolve(++calls) }],
    },
    constant: {
      description: 'returns 1',
      expect: 'holds',
      actors: () => [{ name: 'counter', run: () => Promise.resolve(1) }],
    },
  },
  defaultVariant: 'constant',
});

describe('diff: noise in what the old variant did', () => {
  it('is inconclusive (exit 2), naming the actor', async () => {
    const result = await runDiff(leakyState, 'counter', 'constant', engine(), { seed: 1, runs: 5 });
    expect(result.status).toBe('inconclusive');
    expect(result.error).toContain('actors.counter.result');
    expect(formatDiff(result)).toMatch(/^INCONCLUSIVE/);
    expect(EXIT.inconclusive).toBe(2);
  });

  it('while the deterministic variant compared with the counter is a difference in what the actor returned', async () => {
    const result = await runDiff(leakyState, 'constant', 'counter', engine(), { seed: 1, runs: 5 });
    expect(result.status).toBe('different');
    expect(result.divergences[0]?.path).toBe('actors.counter.result');
  });
});
