import { describe, expect, it } from 'vitest';
import { parseFlags, parseSeedFlag, parseShard } from './parse-flags.ts';

describe('parseFlags', () => {
  it('takes a negative number as a value (syncsim prints negative seeds), in both spellings', () => {
    for (const args of [['--seed', '-5'], ['--seed=-5']]) {
      const { values } = parseFlags('run', args, ['seed']);
      expect(parseSeedFlag(values.seed)).toBe(-5);
    }
    expect(parseSeedFlag('-2147483648')).toBe(-2147483648);
    expect(parseSeedFlag('2147483647')).toBe(2147483647);
  });

  it('keeps positionals, `--` and booleans apart', () => {
    expect(parseFlags('run', ['a', '--json', 'x.json', '--', '--b'], ['json'], ['verify'])).toEqual({
      values: { json: 'x.json' },
      positionals: ['a', '--b'],
    });
    expect(parseFlags('check', ['--verify', '-h'], [], ['verify']).values).toEqual({ verify: true, help: true });
  });

  it('refuses a value that is a flag, so --json --seed 1 does not write a file named --seed', () => {
    expect(() => parseFlags('run', ['--json', '--seed', '1'], ['json', 'seed'])).toThrow('--json needs a value (run)');
  });

  it('numbers shards from 1', () => {
    expect(parseShard('1/3')).toBe('1/3');
    expect(parseShard('3/3')).toBe('3/3');
    for (const bad of ['0/3', '4/3', '1/0', '-1/3', '1/3/4', ' 1/3'])
      expect(() => parseShard(bad)).toThrow('--shard must look like 1/3');
  });
});
