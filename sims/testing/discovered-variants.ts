/**
 * Every variant of every discovered scenario, in one fixed order (the scenarios' file order,
 * then each scenario's variants as declared): the list the variant shards are dealt from, in
 * `syncsim check`'s process and in every test worker alike.
 */
import type { DiscoveredScenario } from '../project/load-scenarios.ts';

export interface DiscoveredVariant {
  readonly scenario: DiscoveredScenario['scenario'];
  readonly file: string;
  readonly name: string;
  readonly variant: DiscoveredScenario['scenario']['variants'][string];
}

export function discoveredVariants(discovered: readonly DiscoveredScenario[]): DiscoveredVariant[] {
  return discovered.flatMap(({ scenario, file }) =>
    Object.entries(scenario.variants).map(([name, variant]) => ({ scenario, file, name, variant })),
  );
}
