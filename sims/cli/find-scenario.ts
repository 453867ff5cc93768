import type { DiscoveredScenario } from '../project/load-scenarios.ts';
import { CliError } from './cli-error.ts';

/** Resolve `<scenario>[:<variant>]` against the discovered scenarios, naming what was not found. */
export function findScenario(discovered: readonly DiscoveredScenario[], spec: string | undefined, command: string) {
  const registry = discovered.map((d) => d.scenario);
  if (!spec) throw new CliError(`${command} needs a scenario (known: ${registry.map((s) => s.id).join(', ')})`);
  const [id, variant, extra] = spec.split(':');
  const scenario = registry.find((s) => s.id === id);
  if (!scenario || extra !== undefined)
    throw new CliError(`unknown scenario '${spec}' (known: ${registry.map((s) => s.id).join(', ')})`);
  if (variant !== undefined && !(variant in scenario.variants)) {
    throw new CliError(
      `unknown variant '${variant}' of scenario '${id}' (variants: ${Object.keys(scenario.variants).join(', ')})`,
    );
  }
  return { scenario, variant: variant ?? scenario.defaultVariant };
}
