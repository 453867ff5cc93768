/**
 * Every scenario `syncsim run`, `reproduce` and `list` know, by id. Add a scenario here and in
 * a .test.ts beside it (the test files are what `syncsim check` runs).
 */
import type { Scenario } from '../sims/runner/scenario.ts';
import { lostUpdateScenario } from './examples/lost-update/lost-update.scenario.ts';
import { indoNullUnitScenario } from './incidents/indo-null-unit/indo-null-unit.scenario.ts';
import { simmerDownScenario } from './incidents/indo-null-unit/simmer-down.scenario.ts';
import { cleanup109Scenario } from './incidents/stuck-bot-51943001421/cleanup-109.scenario.ts';
import { stuckBotScenario } from './incidents/stuck-bot-51943001421/stuck-bot.scenario.ts';
import { botPropertyScenario } from './properties/bot/bot.scenario.ts';
import { motopressPropertyScenario } from './properties/motopress/motopress.scenario.ts';

const erase = <I, W>(scenario: Scenario<I, W>) => scenario as unknown as Scenario<never, never>;

export const scenarios: readonly Scenario<never, never>[] = [
  erase(lostUpdateScenario),
  erase(stuckBotScenario),
  erase(cleanup109Scenario),
  erase(indoNullUnitScenario),
  erase(simmerDownScenario),
  erase(botPropertyScenario),
  erase(motopressPropertyScenario),
];
