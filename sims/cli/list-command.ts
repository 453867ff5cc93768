import type { DiscoveredScenario } from '../project/load-scenarios.ts';
import { variantRuns } from '../runner/variant-runs.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';
import { openProject, projectScenarios } from './open-project.ts';
import { parseFlags } from './parse-flags.ts';
import { USAGE } from './usage.ts';

export async function listCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('list', args, [], ['json']);
  if (values.help) {
    cli.out(USAGE.list ?? '');
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new CliError(`list takes no arguments, got '${positionals.join(' ')}'`);
  const out = cli.out;
  const discovered = await projectScenarios(await openProject(cli.cwd, cli.env));
  if (values.json) {
    out(JSON.stringify(listing(discovered), null, 2));
    return EXIT.ok;
  }
  for (const { scenario } of discovered) {
    out(`${scenario.id}  (${scenario.kind}) ${scenario.title}`);
    for (const [name, variant] of Object.entries(scenario.variants)) {
      const expectation = variant.expect === 'holds' ? 'holds' : `breaks ${(variant.breaks ?? []).join(', ')}`;
      out(
        `  ${scenario.id}:${name}${name === scenario.defaultVariant ? ' (default)' : ''}  ${expectation}  - ${variant.description}`,
      );
    }
  }
  return EXIT.ok;
}

/** The listing as data, for tools (`syncsim list --json`). */
function listing(discovered: readonly DiscoveredScenario[]) {
  return discovered.map(({ scenario, file }) => ({
    id: scenario.id,
    kind: scenario.kind,
    title: scenario.title,
    file,
    defaultVariant: scenario.defaultVariant,
    variants: Object.entries(scenario.variants).map(([name, variant]) => ({
      name,
      description: variant.description,
      expect: variant.expect,
      breaks: [...(variant.breaks ?? [])],
      runs: variantRuns(scenario, name),
    })),
  }));
}
