/**
 * `syncsim check` turns test outcomes into the documented exit codes: 0 all hold, 1 an
 * invariant broke, 2 inconclusive, 3 harness error. Driven end to end through vitest's Node API
 * with planted outcomes (sims/cli/fixtures), so a wrong mapping fails here.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verdictOf } from './check-command.ts';

const BIN = resolve(import.meta.dirname, '../../bin/syncsim.js');
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));

function check(plant: string) {
  const result = spawnSync(process.execPath, [BIN, 'check', 'sims/cli/fixtures/'], {
    cwd: resolve(import.meta.dirname, '../..'),
    encoding: 'utf8',
    env: { ...env, SYNCSIM_PLANT: plant },
  });
  return { code: result.status, stdout: result.stdout };
}

describe('syncsim check exit codes', () => {
  it.each([
    ['held', 0, /1 passed, 0 failed/],
    ['broken', 1, /BROKEN planted: broken/],
    ['inconclusive', 2, /INCONCLUSIVE planted: inconclusive/],
    ['harness', 3, /ERROR planted: harness/],
  ])('a planted %s outcome exits %i', (plant, code, output) => {
    const result = check(plant);
    expect(result.stdout).toMatch(output);
    expect(result.code).toBe(code);
  });

  it('ranks a harness error above a broken invariant above inconclusive', () => {
    expect(verdictOf([])).toBe('held');
    expect(verdictOf([{ name: 'Inconclusive', message: '' }])).toBe('inconclusive');
    expect(
      verdictOf([
        { name: 'Inconclusive', message: '' },
        { name: 'InvariantBroken', message: '' },
      ]),
    ).toBe('broken');
    expect(
      verdictOf([
        { name: 'InvariantBroken', message: '' },
        { name: 'TypeError', message: '' },
      ]),
    ).toBe('error');
  });
});
