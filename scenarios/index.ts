/**
 * Every scenario `syncsim run`, `syncsim reproduce` and `syncsim check` know, by id.
 * Add a scenario here and in a *.test.ts beside it.
 */
import type { Scenario } from '../sims/runner/scenario.ts';
import { lostUpdateScenario } from './examples/lost-update/lost-update.scenario.ts';

export const scenarios: readonly Scenario<never, never>[] = [lostUpdateScenario as unknown as Scenario<never, never>];
