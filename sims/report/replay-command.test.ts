import { describe, expect, it } from 'vitest';
import { parseFlags, parseInteger, parsePath } from '../cli/parse-flags.ts';
import { replayCommand } from './replay-command.ts';

describe('replayCommand', () => {
  it('prints one line the CLI parses back to the same seed and path, negative seeds included', () => {
    for (const seed of [1791622150, -757952835, 0]) {
      const line = replayCommand({ scenario: 'lost-update', variant: 'naive', seed, path: '20:0:3' });
      const [, , command, spec, ...flags] = line.split(' ');
      expect(command).toBe('run');
      expect(spec).toBe('lost-update:naive');
      const { values } = parseFlags('run', flags, ['seed', 'path']);
      expect(parseInteger('--seed', values.seed, -2147483648)).toBe(seed);
      expect(parsePath(values.path)).toBe('20:0:3');
    }
  });

  it('carries a step bound given on the command line, since the case was cut by it', () => {
    const line = replayCommand({ scenario: 's', variant: 'v', seed: 3, path: '1:2', maxSteps: 500 });
    const { values } = parseFlags('run', line.split(' ').slice(4), ['seed', 'path', 'max-steps']);
    expect(parseInteger('--max-steps', values['max-steps'], 1)).toBe(500);
    expect(replayCommand({ scenario: 's', variant: 'v', seed: 3 })).not.toContain('max-steps');
  });
});
