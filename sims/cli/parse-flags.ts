import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseSeed } from '../testing/run-seed.ts';
import { CliError, quote } from './cli-error.ts';
import { decodeDepartures } from '../schedule/departure-codec.ts';

export interface ParsedFlags<K extends string, B extends string = never> {
  values: Partial<Record<K, string>> & Partial<Record<B | 'help', boolean>>;
  positionals: string[];
}

/**
 * Strict flag parsing: `--name value`, `--name=value`, boolean `--name`, `-h`/`--help`, and
 * `--` before positionals that start with a dash. Every mistake is a one-line CliError naming
 * the flag: unknown, missing value, value given to a boolean, given twice. A value may start
 * with a dash only when it is a number (`--seed -5`: syncsim prints negative seeds) or is
 * written `--name=-value`; otherwise `--json --seed 1` would silently write to '--seed'.
 */
export function parseFlags<K extends string, B extends string = never>(
  command: string,
  args: readonly string[],
  names: readonly K[],
  booleans: readonly B[] = [],
): ParsedFlags<K, B> {
  const strings = new Set<string>(names);
  const flags = new Set<string>([...booleans, 'help']);
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const set = (name: string, value: string | boolean) => {
    if (name in values) throw new CliError(`--${name} is given twice (${command})`);
    values[name] = value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      set('help', true);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : '';
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (flags.has(name)) {
      if (inline !== undefined) throw new CliError(`--${name} takes no value, got ${quote(inline)}`);
      set(name, true);
    } else if (strings.has(name)) {
      let value = inline;
      if (value === undefined) {
        const next = args[i + 1];
        if (next === undefined || (next.startsWith('-') && !/^-\d+$/.test(next)))
          throw new CliError(`--${name} needs a value (${command})`);
        value = next;
        i++;
      }
      set(name, value);
    } else {
      const shown = eq < 0 ? arg : arg.slice(0, eq);
      throw new CliError(`unknown flag ${bare(shown)} for '${command}' (see syncsim ${command} --help)`);
    }
  }
  return { values: values as ParsedFlags<K, B>['values'], positionals };
}

/** A flag as typed: unquoted when plain (`--frob`), JSON-quoted when it holds control characters. */
function bare(flag: string): string {
  const quoted = quote(flag);
  return quoted.startsWith("'") ? flag : quoted;
}

export function parseInteger(
  flag: string,
  value: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new CliError(`${flag} must be an integer ${range}, got ${quote(value)}`);
  }
  return Number(value);
}

/** A fast-check seed: the full signed 32-bit range syncsim prints; anything else is refused, never wrapped. */
export function parseSeedFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseSeed(value, '--seed');
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

export function parsePath(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(:\d+)*$/.test(value))
    throw new CliError(`--path must look like 12:0:3 (from a replay line), got ${quote(value)}`);
  return value;
}

/**
 * What picks the case(s) of `run` and `diff`: --seed, --path (a replay: needs its seed, excludes
 * --runs), --runs and --max-steps, checked alike for both commands.
 */
export function parseCaseFlags(values: Record<string, string | boolean | undefined>): {
  seed: number | undefined;
  path: string | undefined;
  runs: number | undefined;
  maxSteps: number | undefined;
} {
  const seed = parseSeedFlag(values.seed as string | undefined);
  const path = parsePath(values.path as string | undefined);
  if (path !== undefined && seed === undefined) throw new CliError('--path needs the --seed it came from');
  const runs = parseInteger('--runs', values.runs as string | undefined, 1);
  if (path !== undefined && runs !== undefined) throw new CliError('--path replays one case; drop --runs');
  const maxSteps = parseInteger('--max-steps', values['max-steps'] as string | undefined, 1);
  return { seed, path, runs, maxSteps };
}

/** --schedule: departures from the default policy (a minimal replay line's), for the case at --path. */
export function parseScheduleFlag(value: string | undefined, path: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (path === undefined)
    throw new CliError('--schedule replays one case: it needs the --seed and --path it came with');
  try {
    decodeDepartures(value);
  } catch (error) {
    throw new CliError(`--schedule: ${(error as Error).message}`);
  }
  return value;
}

/** `--shard I/N` as vitest takes it: 1 <= I <= N. */
export function parseShard(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count)
    throw new CliError(`--shard must look like 1/3 (slice I of N, 1 <= I <= N), got ${quote(value)}`);
  return `${index}/${count}`;
}

/** An output file must be writable before the run starts, so a bad path changes nothing. */
export function outputFile(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === '') throw new CliError(`${flag} needs a file name`);
  const file = resolve(value);
  const dir = dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CliError(`${flag}: directory ${quote(dir)} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new CliError(`${flag}: ${quote(file)} is a directory`);
  return file;
}

/**
 * A migrations folder (from --migrations or SYNCSIM_MIGRATIONS) is checked before anything
 * starts: it must be a readable directory holding *.sql files. Whether they apply is known
 * only once a server runs them (with-database.ts, check's preflight).
 */
export function migrationsDir(source: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === '') throw new CliError(`${source} needs a directory`);
  const dir = resolve(value);
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new CliError(`${source}: ${quote(dir)} is not a directory`);
    names = readdirSync(dir);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new CliError(`${source}: ${quote(dir)} cannot be read (${code})`);
  }
  if (!names.some((name) => name.endsWith('.sql'))) throw new CliError(`${source}: ${quote(dir)} holds no *.sql files`);
  return dir;
}
