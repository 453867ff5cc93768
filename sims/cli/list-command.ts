import { scenarios } from '../../scenarios/index.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';
import { parseFlags } from './parse-flags.ts';
import { USAGE } from './usage.ts';

export function listCommand(args: string[], cli: CliContext): number {
  const { values, positionals } = parseFlags('list', args, []);
  if (values.help) {
    cli.out(USAGE.list ?? '');
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new CliError(`list takes no arguments, got '${positionals.join(' ')}'`);
  const out = cli.out;
  for (const scenario of scenarios) {
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
