/**
 * Every discovered variant is a test, with no hand-written test file: `holds` must hold over the
 * variant's runs; `breaks` must break every invariant it names and report one replay line.
 * Hand-written tests beside a scenario add what an expectation cannot say (replays, exact rows).
 *
 * Each scenario-variants-<i>.test.ts file registers its shard of the variants (variant-shards.ts
 * says why they are split); the test names and the seed are those of one unsplit file, so a
 * variant's result and its replay line do not depend on the shard or worker that ran it.
 *
 * A `breaks` variant is not shrunk here: whether it broke is the check, and the search stops at
 * the first failure. A `holds` variant that breaks is shrunk as `syncsim run` would.
 */
import { describe, expect, inject, it } from 'vitest';
import { loadScenarios } from '../project/load-scenarios.ts';
import { formatRun } from '../report/format-run.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { variantRuns } from '../runner/variant-runs.ts';
import { expectMet } from './expect-run.ts';
import type {} from './provided-scenarios.ts';
import { fileCaseEngine, withSeed } from './scenario-suite.ts';
import { discoveredVariants } from './discovered-variants.ts';
import { shardOf } from './variant-shards.ts';

export async function describeScenarioVariants(shard: number): Promise<void> {
  const discovered = await loadScenarios(inject('syncsimScenarioFiles'), inject('syncsimProjectRoot'));
  const mine = shardOf(discoveredVariants(discovered), shard);
  const engine = fileCaseEngine();

  for (const { scenario, file } of discovered) {
    const here = mine.filter((v) => v.scenario === scenario);
    if (here.length === 0) continue;
    describe(`${scenario.id} (${file})`, () => {
      for (const { name, variant } of here) {
        const runs = variantRuns(scenario, name);
        const expectation = variant.expect === 'holds' ? 'holds' : `breaks ${(variant.breaks ?? []).join(', ')}`;
        it(`${scenario.id}:${name} ${expectation}`, async () => {
          const result = expectMet(
            await runScenario(scenario, name, engine(), {
              ...withSeed,
              runs,
              minimiseWhen: 'unmet',
              ...(variant.expect === 'breaks' ? { shrinkBudget: 0 } : {}),
            }),
          );
          if (variant.expect === 'holds') {
            expect(result.cases).toBe(runs);
          } else {
            expect(result.broken).toEqual(expect.arrayContaining([...(variant.breaks ?? [])]));
            const replays = formatRun(result)
              .split('\n')
              .filter((line) => line.includes('syncsim run '));
            expect(replays).toEqual([
              `  replay: npx syncsim run ${scenario.id}:${name} --seed=${result.seed} --path=${result.path}`,
            ]);
          }
        });
      }
    });
  }
}
