/**
 * How sure the gate is: for every `breaks` variant (incident "before" code, planted bugs), the
 * probability that ONE `syncsim check` finds it, measured over many seeds. For each seed the
 * cases `check` would run are run in order until the first one breaks the variant's named
 * invariants; the detection rate at a budget of B cases is the share of seeds whose first
 * failure comes within B. Printed at the budget `check` uses (its test's runs) and at the
 * scenario's default runs (what `syncsim run` uses).
 *
 * Run: npm run bench:detection [-- SEEDS [FILTER]]   (default 100 seeds, seeds 1..SEEDS; FILTER
 * keeps variants whose scenario:variant contains it, or with a leading ! drops them)
 */
import type { Scenario } from '../sims/runner/scenario.ts';
import { variantRuns } from '../sims/runner/variant-runs.ts';
import { openProject, projectScenarios } from '../sims/cli/open-project.ts';
import { runsToFirstFailure } from './runs-to-first-failure.ts';
import { openBenchEngine } from './open-bench-engine.ts';

const seeds = Number(process.argv[2] ?? 100);
const filter = process.argv[3] ?? '';

await using bench = await openBenchEngine('detection-bench');
const { engine } = bench;

// Every `breaks` variant of the discovered scenarios, with the budget both `check` (its generated
// test) and `syncsim run` give it: variantRuns, one number, so this bench cannot drift from them.
const scenarios = (await projectScenarios(await openProject())).map((found) => found.scenario);
console.log(`detection over seeds 1..${seeds}: share of seeds whose first failure is within the budget`);
console.log(`${'variant'.padEnd(52)} ${'budget'.padStart(8)} ${'detected'.padStart(9)}  first failure (median / max)`);
for (const found of scenarios as Scenario<unknown, unknown>[]) {
  for (const [variant, declared] of Object.entries(found.variants)) {
    if (declared.expect !== 'breaks') continue;
    const id = `${found.id}:${variant}`;
    if (filter.startsWith('!') ? id.includes(filter.slice(1)) : !id.includes(filter)) continue;
    const budget = variantRuns(found, variant);
    const firsts: number[] = [];
    for (let seed = 1; seed <= seeds; seed++)
      firsts.push(await runsToFirstFailure(engine, found, variant, seed, budget));
    const detected = `${((100 * firsts.filter((n) => n <= budget).length) / seeds).toFixed(1)}%`;
    const sorted = [...firsts].sort((a, b) => a - b);
    const median = sorted[(seeds - 1) >> 1];
    console.log(`${id.padEnd(52)} ${String(budget).padStart(8)} ${detected.padStart(9)}  ${median} / ${sorted.at(-1)}`);
  }
}
