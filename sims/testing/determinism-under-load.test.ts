/**
 * Every scenario's runs are a function of their seed even on a loaded machine: each variant runs
 * a few cases with --verify-determinism (the reported case and passing cases run twice more,
 * histories compared byte for byte) while busy loops keep both CPUs saturated. And the check can
 * fail: a scenario whose actor reads state left by the previous run is caught.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineInvariant } from '../invariants/invariant.ts';
import { loadScenarios } from '../project/load-scenarios.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { defineScenario } from '../runner/scenario.ts';
import type {} from './provided-scenarios.ts';
import { fileCaseEngine, SEED } from './scenario-suite.ts';

// Every scenario of the project this run discovered (the repo's own, in npm test).
const scenarios = (await loadScenarios(inject('syncsimScenarioFiles'), inject('syncsimProjectRoot'))).map(
  (found) => found.scenario,
);

const engine = fileCaseEngine();
const busy: ChildProcess[] = [];

beforeAll(() => {
  // Two busy loops for two cores: every wall-clock race in the harness gets a chance to go the other way.
  for (let i = 0; i < 2; i++) busy.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
});
afterAll(() => {
  for (const child of busy) child.kill('SIGKILL');
});

const variants = scenarios.flatMap((scenario) =>
  Object.keys(scenario.variants).map((variant) => [`${scenario.id}:${variant}`, scenario, variant] as const),
);

describe('determinism under load', () => {
  it.each(variants)('%s runs the same twice, case by case', async (_, scenario, variant) => {
    const result = await runScenario(scenario, variant, engine(), {
      seed: SEED,
      runs: Math.min(scenario.runs ?? 100, 3),
      shrinkBudget: 2,
      minimiseWhen: 'unmet',
      verifyDeterminism: true,
    });
    expect(result.error ?? '').toBe('');
    expect(result.determinismReplays).toBeGreaterThanOrEqual(2);
  });

  it('a case that depends on something besides its seed is reported, naming the first differing record', async () => {
    let deliveries = 0; // outlives the case: what a leak between cases looks like
    const leaky = defineScenario<number, null>({
      id: 'leaky',
      kind: 'example',
      title: 'an actor that counts across runs',
      input: fc.integer({ min: 1, max: 3 }),
      world: () => Promise.resolve(null),
      invariants: [
        defineInvariant<null>({ name: 'nothing', kind: 'safety', description: 'always holds', check: () => [] }),
      ],
      variants: {
        counting: {
          description: 'reads a counter that is not part of the world',
          expect: 'holds',
          actors: () => [
            {
              name: 'counter',
              run: async (env) => {
                await env.clock.sleep(++deliveries);
              },
            },
          ],
        },
      },
      defaultVariant: 'counting',
    });
    const result = await runScenario(leaky, 'counting', engine(), { seed: SEED, runs: 3, verifyDeterminism: true });
    expect(result.status).toBe('error');
    expect(result.error).toMatch(/^not deterministic: case --seed=-?\d+ --path=\d+ ran differently: record \d+: /);
  });
});
