/**
 * The command's contract for bad input: one line naming the problem, exit 3, nothing written,
 * and no Postgres started (these all fail before the run begins).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/syncsim.js');
const dir = mkdtempSync(join(tmpdir(), 'syncsim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The command as a user runs it: not inside a vitest worker.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));

function syncsim(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...env, SYNCSIM_POSTGRES: 'embedded' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('syncsim usage errors', () => {
  it.each([
    [['run', 'lost-update', '--frobnicate'], /^syncsim: unknown flag --frobnicate for 'run'/],
    [
      ['run', 'no-such-scenario'],
      /^syncsim: unknown scenario 'no-such-scenario' \(known: lost-update, stuck-bot-51943001421, stuck-bot-cleanup-109, indo-null-unit, indo-null-unit-simmer-down, properties-bot, properties-motopress\)/,
    ],
    [
      ['run', 'lost-update:nope'],
      /^syncsim: unknown variant 'nope' of scenario 'lost-update' \(variants: naive, locked\)/,
    ],
    [['run', 'lost-update', '--seed', 'abc'], /^syncsim: --seed must be an integer/],
    [['run', 'lost-update', '--path', '1:2'], /^syncsim: --path needs the --seed it came from/],
    [['run', 'lost-update', '--seed', '1', '--path', 'x'], /^syncsim: --path must look like 12:0:3/],
    [['run', 'lost-update', '--runs', '0'], /^syncsim: --runs must be an integer >= 1/],
    [['reproduce', 'lost-update', '--bogus'], /^syncsim: unknown flag --bogus for 'reproduce'/],
    [['check', '--bogus'], /^syncsim: unknown flag --bogus for 'check'/],
    [['check', '--shard', 'half'], /^syncsim: --shard must look like 1\/3/],
    [['check', '--seed', '1.5'], /^syncsim: --seed must be an integer/],
    [['frob'], /^syncsim: unknown command 'frob'/],
  ])('%j is one line naming the problem, exit 3', (args, message) => {
    const { code, stdout, stderr } = syncsim(...args);
    expect(code).toBe(3);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('writes nothing when --json points into a missing directory', () => {
    const target = join(dir, 'missing', 'out.json');
    const { code, stderr } = syncsim('run', 'lost-update', '--json', target);
    expect(code).toBe(3);
    expect(stderr).toMatch(/--json: directory .*missing does not exist/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('prints help for every command and exits 0', () => {
    for (const command of [[], ['check'], ['run'], ['reproduce'], ['list']]) {
      const { code, stdout } = syncsim(...command, '--help');
      expect(code).toBe(0);
      expect(stdout).toMatch(/Usage/);
    }
  });

  it('lists scenarios with their variants and expectations', () => {
    const { code, stdout } = syncsim('list');
    expect(code).toBe(0);
    expect(stdout).toContain('lost-update:naive  breaks no-lost-update');
    expect(stdout).toContain('lost-update:locked (default)  holds');
  });
});
