import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from './cli-error.ts';

export interface ParsedFlags<K extends string> {
  values: Partial<Record<K, string>> & { help?: boolean };
  positionals: string[];
}

/** Strict flag parsing of string-valued flags: an unknown flag or a missing value is a one-line CliError. */
export function parseFlags<K extends string>(
  command: string,
  args: string[],
  names: readonly K[],
  switches: readonly string[] = [],
): ParsedFlags<K> & { switches: Set<string> } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const name of names) options[name] = { type: 'string' };
  for (const name of switches) options[name] = { type: 'boolean' };
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    const on = new Set(switches.filter((name) => (values as Record<string, unknown>)[name] === true));
    return { values: values as ParsedFlags<K>['values'], positionals, switches: on };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new CliError(`unknown flag ${unknown[1]} for '${command}' (see syncsim ${command} --help)`);
    throw new CliError(`${command}: ${message.split('\n')[0]}`);
  }
}

export function parseInteger(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new CliError(`${flag} must be an integer >= ${min}, got '${value}'`);
  }
  return Number(value);
}

export function parsePath(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(:\d+)*$/.test(value))
    throw new CliError(`--path must look like 12:0:3 (from a replay line), got '${value}'`);
  return value;
}

/** An output file must be writable before the run starts, so a bad path changes nothing. */
export function outputFile(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const file = resolve(value);
  const dir = dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${flag}: directory ${dir} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new CliError(`${flag}: ${file} is a directory`);
  return file;
}

export function migrationsDir(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const dir = resolve(value);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`--migrations: ${dir} is not a directory`);
  return dir;
}
