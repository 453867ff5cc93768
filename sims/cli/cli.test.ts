/**
 * The command's contract for bad input: one line naming the problem, exit 3, nothing written,
 * and no Postgres started (these all fail before the run begins).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/syncsim.js');
const dir = mkdtempSync(join(tmpdir(), 'syncsim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The command as a user runs it: not inside a vitest worker.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));

function syncsim(...args: string[]) {
  return syncsimIn(undefined, ...args);
}

function syncsimIn(cwd: string | undefined, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
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
      /^syncsim: unknown scenario 'no-such-scenario' \(known: lost-update, indo-null-unit, indo-null-unit-simmer-down, stuck-bot-cleanup-109, stuck-bot-51943001421, properties-bot, properties-motopress\)/,
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
    for (const command of [[], ['check'], ['run'], ['reproduce'], ['list'], ['init']]) {
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

  it('lists the discovered scenarios as JSON, each with its file', () => {
    const { code, stdout } = syncsim('list', '--json');
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as { id: string; file: string; variants: { name: string; runs: number }[] }[];
    expect(listed.map((s) => s.id)).toEqual([
      'lost-update',
      'indo-null-unit',
      'indo-null-unit-simmer-down',
      'stuck-bot-cleanup-109',
      'stuck-bot-51943001421',
      'properties-bot',
      'properties-motopress',
    ]);
    expect(listed[0]!.file).toBe('scenarios/examples/lost-update/lost-update.scenario.ts');
    expect(
      listed.find((s) => s.id === 'properties-bot')!.variants.find((v) => v.name === 'planted-non-atomic-write')!.runs,
    ).toBe(1000);
  });

  it('prints its version', () => {
    const { code, stdout } = syncsim('--version');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('syncsim in a project of its own', () => {
  it('init writes a config and an example scenario, and refuses to overwrite them', () => {
    const project = mkdtempSync(join(dir, 'init-'));
    const first = syncsimIn(project, 'init');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('wrote syncsim.config.ts and scenarios/example/counter.scenario.ts');
    const config = readFileSync(join(project, 'syncsim.config.ts'), 'utf8');
    expect(readFileSync(join(project, 'scenarios/example/counter.scenario.ts'), 'utf8')).toContain("id: 'counter'");
    const again = syncsimIn(project, 'init');
    expect(again.code).toBe(3);
    expect(again.stderr.trim()).toBe('syncsim: init: syncsim.config.ts already exists; nothing was written');
    expect(readFileSync(join(project, 'syncsim.config.ts'), 'utf8')).toBe(config);
  });

  it.each([
    [
      'a scenario file that exports no scenario',
      'export const x = 1;\n',
      /^syncsim: scenarios\/a\.scenario\.ts: exports no scenario/,
    ],
    ['a scenario file that does not load', "throw new Error('boom');\n", /^syncsim: scenarios\/a\.scenario\.ts: boom$/],
  ])('%s is one line naming the file, exit 3', (_what, source, message) => {
    const project = mkdtempSync(join(dir, 'bad-'));
    mkdirSync(join(project, 'scenarios'));
    writeFileSync(join(project, 'scenarios/a.scenario.ts'), source);
    for (const command of [['list'], ['run', 'a'], ['check']]) {
      const { code, stderr } = syncsimIn(project, ...command);
      expect(code).toBe(3);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr.trim()).toMatch(message);
    }
  });

  it('a config naming an unknown field or a missing folder is one line, exit 3', () => {
    const project = mkdtempSync(join(dir, 'config-'));
    writeFileSync(join(project, 'syncsim.config.ts'), "export default { scenario: ['x'] };\n");
    expect(syncsimIn(project, 'list').stderr.trim()).toBe(
      "syncsim: syncsim.config.ts: unknown field 'scenario' (fields: scenarios, migrations, postgres)",
    );
    writeFileSync(join(project, 'syncsim.config.ts'), "export default { scenarios: ['specs'] };\n");
    const missing = syncsimIn(project, 'list');
    expect(missing.code).toBe(3);
    expect(missing.stderr.trim()).toBe('syncsim: scenario folder specs does not exist (see syncsim init)');
  });
});
