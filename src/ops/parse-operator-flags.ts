/**
 * The flags of an operator command: `--name value`, `--name=value` and boolean switches, each at
 * most once; anything else is a BadInput naming it. `--debug` is always accepted (the command's
 * error handler reads it). Positionals are returned in order for the command to judge.
 */
import { BadInput, quote } from './operator-command.ts';

export type FlagSpec = Readonly<Record<string, 'boolean' | 'string'>>;

export interface ParsedFlags {
  readonly values: Readonly<Record<string, string | true>>;
  readonly positionals: readonly string[];
}

export function parseOperatorFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const values: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (name === '--debug' && inline === undefined) continue;
    const key = name === '-h' ? 'help' : name.slice(2);
    const kind = name.startsWith('--') || name === '-h' ? (key === 'help' ? 'boolean' : spec[key]) : undefined;
    if (kind === undefined)
      throw new BadInput(name === '--debug' ? '--debug takes no value' : `unknown flag ${quote(name)}`);
    if (values[key] !== undefined) throw new BadInput(`${name} is given twice`);
    if (kind === 'boolean') {
      if (inline !== undefined) throw new BadInput(`${name} takes no value`);
      values[key] = true;
    } else {
      const value = inline ?? args[++i];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('-')))
        throw new BadInput(`${name} needs a value`);
      values[key] = value;
    }
  }
  return { values, positionals };
}
