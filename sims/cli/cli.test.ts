/**
 * The command's contract for bad input: one line naming the problem, exit 3, nothing written,
 * and no Postgres started (these all fail before the run begins). In-process (main(argv, env));
 * cli-process.test.ts checks the same through real processes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isOneLineRefusal, runMainInProcess as syncsim } from './run-main-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'syncsim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const emptyDir = join(dir, 'empty');
mkdirSync(emptyDir);
const notSql = join(dir, 'not-sql');
mkdirSync(notSql);
writeFileSync(join(notSql, 'README.md'), '# no migrations here\n');

/** The command run from a folder of the user's (a project of its own), in this process. */
function syncsimIn(cwd: string, ...args: string[]) {
  return syncsim(args, {}, cwd);
}

describe('syncsim usage errors', () => {
  it.each([
    [['run', 'lost-update', '--frobnicate'], /^syncsim: unknown flag --frobnicate for 'run'/],
    [
      ['run', 'no-such-scenario'],
      /^syncsim: unknown scenario 'no-such-scenario' \(known: chat-webhook-async-port, room-lookup, lost-update, indo-null-unit, indo-null-unit-simmer-down, legacy-ids-gym-4, room-general-4, stuck-bot-cleanup-109, stuck-bot-51943001421, properties-bot, properties-chat, properties-motopress\)/,
    ],
    [['diff', 'no-such-scenario', 'a', 'b'], /^syncsim: unknown scenario 'no-such-scenario' \(known: /],
    [
      ['diff', 'lost-update', 'locked', 'nope'],
      /^syncsim: unknown variant 'nope' of scenario 'lost-update' \(variants: naive, locked\)/,
    ],
    [['diff', 'lost-update', 'locked'], /^syncsim: diff takes a scenario and two of its variants \(old, new\), got 2/],
    [
      ['run', 'lost-update:nope'],
      /^syncsim: unknown variant 'nope' of scenario 'lost-update' \(variants: naive, locked\)/,
    ],
    [['run', 'lost-update', '--seed', 'abc'], /^syncsim: --seed must be an integer/],
    [['run', 'lost-update', '--path', '1:2'], /^syncsim: --path needs the --seed it came from/],
    [['run', 'lost-update', '--seed', '1', '--path', 'x'], /^syncsim: --path must look like 12:0:3/],
    [['run', 'lost-update', '--runs', '0'], /^syncsim: --runs must be an integer >= 1/],
    [['run', 'lost-update', '--schedule', 'a:b:0@start'], /^syncsim: --schedule replays one case: it needs the --seed/],
    [
      ['run', 'lost-update', '--seed', '1', '--path', '0', '--schedule', 'a:b:0@start,nonsense'],
      /^syncsim: --schedule: 'nonsense' is not a departure \(task@after/,
    ],
    [['reproduce', 'lost-update', '--bogus'], /^syncsim: unknown flag --bogus for 'reproduce'/],
    [['check', '--bogus'], /^syncsim: unknown flag --bogus for 'check'/],
    [['check', '--shard', 'half'], /^syncsim: --shard must look like 1\/3/],
    [['check', '--seed', '1.5'], /^syncsim: --seed must be an integer/],
    [['frob'], /^syncsim: unknown command 'frob'/],
    [[], /^syncsim: no command given/],
    [['list', 'extra'], /^syncsim: list takes no arguments/],
    // Seeds: the full range syncsim prints, refused (not wrapped) outside it.
    [
      ['run', 'lost-update', '--seed', '99999999999'],
      /^syncsim: --seed must be an integer from -2147483648 to 2147483647, got '99999999999'$/,
    ],
    [['run', 'lost-update', '--seed=4294967303'], /got '4294967303'$/],
    [['run', 'lost-update', '--seed', '2147483648'], /got '2147483648'$/],
    [['run', 'lost-update', '--seed', '-2147483649'], /got '-2147483649'$/],
    [['run', 'lost-update', '--seed', '-5', '--runs', '-1'], /^syncsim: --runs must be an integer >= 1, got '-1'$/],
    [['run', 'lost-update', '--seed'], /^syncsim: --seed needs a value \(run\)$/],
    [['run', 'lost-update', '--seed', '--runs', '3'], /^syncsim: --seed needs a value/],
    [['run', 'lost-update', '--seed', '1', '--seed', '2'], /^syncsim: --seed is given twice/],
    [['run', 'lost-update', '--help=yes'], /^syncsim: --help takes no value/],
    [['run', 'lost-update', '--seed', '1\n2'], /^syncsim: --seed must be an integer .*, got "1\\n2"$/],
    // Shards are numbered from 1 (vitest used to answer 0/3 with a stack).
    [['check', '--shard', '0/3'], /^syncsim: --shard must look like 1\/3 .*got '0\/3'$/],
    [['check', '--shard', '4/3'], /got '4\/3'$/],
    [['check', '--shard', '1/0'], /got '1\/0'$/],
    [['fake', 'stream', '--port', '65536'], /^syncsim: --port must be an integer from 0 to 65535/],
    [['fake', 'stream', '--seed', '1e3'], /^syncsim: --seed must be an integer/],
    [['check', '--migrations', join(dir, 'missing')], /^syncsim: --migrations: .*missing' cannot be read \(ENOENT\)$/],
    [['run', 'lost-update', '--migrations', emptyDir], /^syncsim: --migrations: .*empty' holds no \*\.sql files$/],
  ])('%j is one line naming the problem, exit 3', async (args, message) => {
    const run = await syncsim(args);
    expect(run.stderr.trimEnd()).toMatch(message);
    expect(isOneLineRefusal(run)).toBe(true);
  });

  it.each([
    [
      { SYNCSIM_SEED: '99999999999' },
      ['check'],
      /^syncsim: SYNCSIM_SEED must be an integer from -2147483648 to 2147483647, got '99999999999'$/,
    ],
    [{ SYNCSIM_SEED: '' }, ['check'], /^syncsim: SYNCSIM_SEED must be an integer/],
    [
      { SYNCSIM_POSTGRES: 'docker' },
      ['run', 'lost-update'],
      /^syncsim: SYNCSIM_POSTGRES must be one of auto, url, testcontainers, embedded, got 'docker'$/,
    ],
    [{ SYNCSIM_POSTGRES: 'url' }, ['reproduce', 'lost-update'], /^syncsim: SYNCSIM_POSTGRES=url needs DATABASE_URL$/],
    [{ DATABASE_URL: 'not-a-url' }, ['run', 'lost-update'], /^syncsim: DATABASE_URL is not a URL/],
    [
      { DATABASE_URL: 'mysql://root@db/x' },
      ['check'],
      /^syncsim: DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/, not mysql:\/\/$/,
    ],
    [
      { SYNCSIM_MIGRATIONS: notSql },
      ['run', 'lost-update'],
      /^syncsim: SYNCSIM_MIGRATIONS: .*not-sql' holds no \*\.sql files$/,
    ],
  ])('environment %j is one line naming the variable, exit 3', async (env, args, message) => {
    const run = await syncsim(args, env);
    expect(run.stderr.trimEnd()).toMatch(message);
    expect(isOneLineRefusal(run)).toBe(true);
  });

  it('never echoes DATABASE_URL (it holds a password)', async () => {
    const run = await syncsim(['run', 'lost-update'], { DATABASE_URL: 'https://admin:hunter2@db/x' });
    expect(isOneLineRefusal(run)).toBe(true);
    expect(run.stderr).not.toContain('hunter2');
  });

  it('a port already in use is one line naming it, not an EADDRINUSE stack', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await syncsim(['fake', 'motopress', '--port', String(port)]);
      expect(run.stderr).toBe(`syncsim: --port ${port}: 127.0.0.1:${port} is already in use\n`);
      expect(isOneLineRefusal(run)).toBe(true);
      const debug = await syncsim(['fake', 'motopress', '--port', String(port), '--debug']);
      expect(debug.code).toBe(3);
      expect(debug.stderr).toMatch(/EADDRINUSE[\s\S]*\n\s+at /);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('prints help for every command and exits 0', async () => {
    for (const command of [[], ['check'], ['run'], ['reproduce'], ['list'], ['fake'], ['init']]) {
      const { code, stdout } = await syncsim([...command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Usage/);
    }
  });

  it('lists scenarios with their variants and expectations', async () => {
    const { code, stdout } = await syncsim(['list']);
    expect(code).toBe(0);
    expect(stdout).toContain('lost-update:naive  breaks no-lost-update');
    expect(stdout).toContain('lost-update:locked (default)  holds');
  });

  it('lists the discovered scenarios as JSON, each with its file', async () => {
    const { code, stdout } = await syncsim(['list', '--json']);
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as { id: string; file: string; variants: { name: string; runs: number }[] }[];
    expect(listed.map((s) => s.id)).toEqual([
      'chat-webhook-async-port',
      'room-lookup',
      'lost-update',
      'indo-null-unit',
      'indo-null-unit-simmer-down',
      'legacy-ids-gym-4',
      'room-general-4',
      'stuck-bot-cleanup-109',
      'stuck-bot-51943001421',
      'properties-bot',
      'properties-chat',
      'properties-motopress',
    ]);
    expect(listed[2]!.file).toBe('scenarios/examples/lost-update/lost-update.scenario.ts');
    expect(
      listed.find((s) => s.id === 'properties-bot')!.variants.find((v) => v.name === 'planted-non-atomic-write')!.runs,
    ).toBe(1000);
  });

  it('prints its version', async () => {
    const { code, stdout } = await syncsim(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('syncsim in a project of its own', () => {
  it('init writes a config and an example scenario, and refuses to overwrite them', async () => {
    const project = mkdtempSync(join(dir, 'init-'));
    const first = await syncsimIn(project, 'init');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('wrote syncsim.config.ts and scenarios/example/counter.scenario.ts');
    const config = readFileSync(join(project, 'syncsim.config.ts'), 'utf8');
    expect(readFileSync(join(project, 'scenarios/example/counter.scenario.ts'), 'utf8')).toContain("id: 'counter'");
    const again = await syncsimIn(project, 'init');
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
  ])('%s is one line naming the file, exit 3', async (_what, source, message) => {
    const project = mkdtempSync(join(dir, 'bad-'));
    mkdirSync(join(project, 'scenarios'));
    writeFileSync(join(project, 'scenarios/a.scenario.ts'), source);
    for (const command of [['list'], ['run', 'a'], ['check']]) {
      const { code, stderr } = await syncsimIn(project, ...command);
      expect(code).toBe(3);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr.trim()).toMatch(message);
    }
  });

  it('a config naming an unknown field or a missing folder is one line, exit 3', async () => {
    const project = mkdtempSync(join(dir, 'config-'));
    writeFileSync(join(project, 'syncsim.config.ts'), "export default { scenario: ['x'] };\n");
    expect((await syncsimIn(project, 'list')).stderr.trim()).toBe(
      "syncsim: syncsim.config.ts: unknown field 'scenario' (fields: scenarios, migrations, postgres)",
    );
    writeFileSync(join(project, 'syncsim.config.ts'), "export default { scenarios: ['specs'] };\n");
    const missing = await syncsimIn(project, 'list');
    expect(missing.code).toBe(3);
    expect(missing.stderr.trim()).toBe('syncsim: scenario folder specs does not exist (see syncsim init)');
  });
});
