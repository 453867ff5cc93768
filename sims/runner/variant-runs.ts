import type { Scenario } from './scenario.ts';

/** Cases a variant runs when the caller does not say: its own `runs`, else the scenario's, else 100. */
export function variantRuns(scenario: Pick<Scenario<never, never>, 'runs' | 'variants'>, variant: string): number {
  return scenario.variants[variant]?.runs ?? scenario.runs ?? 100;
}
