/**
 * Every discovered variant is a test, with no hand-written test file: `holds` must hold over the
 * variant's runs; `breaks` must break every invariant it names and report one replay line.
 * Hand-written tests beside a scenario add what an expectation cannot say (replays, exact rows).
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

const discovered = await loadScenarios(inject('syncsimScenarioFiles'), inject('syncsimProjectRoot'));
const engine = fileCaseEngine();

for (const { scenario, file } of discovered) {
  describe(`${scenario.id} (${file})`, () => {
    for (const [name, variant] of Object.entries(scenario.variants)) {
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
