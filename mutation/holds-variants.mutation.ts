/**
 * The mutation run's scenario test: every `holds` variant of the module's scenarios, as
 * sims/testing/describe-scenario-variants.ts runs it. `breaks` variants are left out: they run a
 * planted bug in place of the module and expect it caught, so they pass whatever a mutant does
 * to src/ and would only cost time. Included by vitest.mutation.config.ts only (not a *.test.ts,
 * so `npm test` does not run the variants twice).
 *
 * SYNCSIM_MUTATION_RUNS caps each variant's cases: a surviving mutant runs every case of every
 * variant that covers it, and properties-bot's 100 cases take 30 s here (25: 7 s); a mutant the suite
 * kills almost always dies in the first cases (set by mutation/stryker-options.ts).
 */
import { describe, expect, inject, it } from 'vitest';
import { fileCaseEngine, withSeed, expectMet } from '../sims/testing/index.ts';
import type {} from '../sims/testing/provided-scenarios.ts';
import { loadScenarios } from '../sims/project/load-scenarios.ts';
import { runScenario } from '../sims/runner/run-scenario.ts';
import { variantRuns } from '../sims/runner/variant-runs.ts';

const discovered = await loadScenarios(inject('syncsimScenarioFiles'), inject('syncsimProjectRoot'));
const engine = fileCaseEngine();
const cap = Number(process.env['SYNCSIM_MUTATION_RUNS'] ?? Number.POSITIVE_INFINITY);

for (const { scenario, file } of discovered) {
  describe(`${scenario.id} (${file})`, () => {
    for (const [name, variant] of Object.entries(scenario.variants)) {
      if (variant.expect !== 'holds') continue;
      const runs = Math.min(variantRuns(scenario, name), cap);
      it(`${scenario.id}:${name} holds`, async () => {
        const result = expectMet(
          await runScenario(scenario, name, engine(), { ...withSeed, runs, minimiseWhen: 'unmet', shrinkBudget: 0 }),
        );
        expect(result.cases).toBe(runs);
      });
    }
  });
}
