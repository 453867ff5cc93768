/**
 * Preemption counts before and after schedule minimisation, for every `breaks` variant of every
 * discovered scenario: run the variant as `syncsim run` does (seed given, the scenario's runs),
 * then print the reported failure's preemptions (departures from the default policy), the
 * minimal schedule's, the cases minimisation ran (and whether its budget stopped it), its wall
 * time, and the minimal schedule itself.
 *
 * Run: npm run bench:preemption [-- SEED [FILTER]]
 *   (default seed 1; FILTER keeps variants whose scenario:variant contains it)
 */
import { runScenario } from '../sims/runner/run-scenario.ts';
import type { Scenario } from '../sims/runner/scenario.ts';
import { openProject, projectScenarios } from '../sims/cli/open-project.ts';
import { openBenchEngine } from './open-bench-engine.ts';

const seed = Number(process.argv[2] ?? 1);
const filter = process.argv[3] ?? '';

await using bench = await openBenchEngine('preemption-bench');
const { engine } = bench;

const scenarios = (await projectScenarios(await openProject())).map((found) => found.scenario);
console.log(`preemptions of the reported failure before -> after minimisation, seed ${seed}`);
console.log(
  `${'variant'.padEnd(52)} ${'status'.padEnd(7)} ${'before'.padStart(6)} ${'after'.padStart(5)} ${'runs'.padStart(5)} ${'ms'.padStart(7)}  minimal schedule`,
);
for (const found of scenarios as Scenario<unknown, unknown>[]) {
  for (const [variant, declared] of Object.entries(found.variants)) {
    if (declared.expect !== 'breaks') continue;
    const id = `${found.id}:${variant}`;
    if (!id.includes(filter)) continue;
    let minimiseStarted = 0;
    const result = await runScenario(found, variant, engine, {
      seed,
      onMinimise: () => (minimiseStarted = performance.now()),
    });
    const ms = minimiseStarted > 0 ? Math.round(performance.now() - minimiseStarted) : 0;
    const m = result.minimal;
    console.log(
      `${id.padEnd(52)} ${result.status.padEnd(7)} ${String(m?.before ?? '-').padStart(6)} ${String(m?.after ?? '-').padStart(5)} ${`${m?.runs ?? '-'}${m?.budgetHit ? '!' : ''}`.padStart(5)} ${String(ms).padStart(7)}  ${m ? m.schedule || '(default policy)' : ''}`,
    );
  }
}
console.log("runs ending in '!': the minimisation budget stopped it (maybe not the smallest)");
