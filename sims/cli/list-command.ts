// eslint-disable-next-line syncsim/layers -- the hand-kept registry; goes when the CLI receives discovered scenarios (issue 9 item 2)
import { scenarios } from '../../scenarios/index.ts';
import { parseFlags } from './parse-flags.ts';
import { USAGE } from './usage.ts';

export function listCommand(args: string[], out: (line: string) => void): number {
  const { values } = parseFlags('list', args, []);
  if (values.help) {
    out(USAGE.list ?? '');
    return 0;
  }
  for (const scenario of scenarios) {
    out(`${scenario.id}  (${scenario.kind}) ${scenario.title}`);
    for (const [name, variant] of Object.entries(scenario.variants)) {
      const expectation = variant.expect === 'holds' ? 'holds' : `breaks ${(variant.breaks ?? []).join(', ')}`;
      out(
        `  ${scenario.id}:${name}${name === scenario.defaultVariant ? ' (default)' : ''}  ${expectation}  - ${variant.description}`,
      );
    }
  }
  return 0;
}
