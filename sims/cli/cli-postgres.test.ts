/**
 * What needs a server to tell: exit codes of real runs and migrations that Postgres rejects.
 * In-process, against the test run's own server (as DATABASE_URL), so no second Postgres starts.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isOneLineRefusal, runMainInProcess as syncsim } from './run-main-in-process.ts';

const env = { DATABASE_URL: inject('syncsimPostgres').adminUrl, SYNCSIM_POSTGRES: 'url' };
const dir = mkdtempSync(join(tmpdir(), 'syncsim-cli-pg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function brokenMigrations(): string {
  const folder = mkdtempSync(join(dir, 'migrations-'));
  writeFileSync(join(folder, '001_ok.sql'), 'CREATE TABLE fine (id int);\n');
  writeFileSync(join(folder, '002_bad.sql'), 'CREATE TABLE also_fine (id int);\nCREATE TABEL broken (id int);\n');
  return folder;
}

describe('exit codes of real runs', () => {
  it('a breaks variant that held is inconclusive: exit 2, not 0', async () => {
    const run = await syncsim(['run', 'lost-update:naive', '--runs', '1', '--seed', '2'], env);
    expect(run.stdout).toMatch(/^HELD {2}lost-update:naive {2}\(1 cases, 0 shrinks, seed 2; expected to break\)/);
    expect(run.code).toBe(2);
  });

  it('a breaks variant that broke exits 1, with a negative seed given as --seed -5', async () => {
    const run = await syncsim(['run', 'lost-update:naive', '--runs', '20', '--seed', '-5'], env);
    expect(run.stdout).toMatch(/^BROKEN no-lost-update {2}lost-update:naive .*seed -5; as expected/);
    expect(run.stdout).toMatch(/replay: npx syncsim run lost-update:naive --seed=-5 --path=\S+/);
    expect(run.code).toBe(1);
  });
});

describe('a migration Postgres rejects', () => {
  it.each([['run', 'lost-update'], ['reproduce', 'lost-update'], ['check']])(
    '%s: one line naming the file and position, exit 3, nothing written',
    async (...args) => {
      const json = join(dir, `${args[0]}.out`);
      const flag = args[0] === 'check' ? '--junit' : '--json';
      const run = await syncsim([...args, '--migrations', brokenMigrations(), flag, json], env);
      expect(run.stderr).toMatch(
        /^syncsim: migration 002_bad\.sql failed at line 2, column 8: syntax error at or near "TABEL" \(SQLSTATE 42601\)/,
      );
      expect(isOneLineRefusal(run)).toBe(true);
      expect(existsSync(json)).toBe(false);
    },
  );
});

describe('a database that cannot be reached', () => {
  it('is one line naming where, exit 3', async () => {
    const run = await syncsim(['run', 'lost-update'], { DATABASE_URL: 'postgres://syncsim@127.0.0.1:1/nowhere' });
    expect(run.stderr).toMatch(/^syncsim: cannot connect to DATABASE_URL \(127\.0\.0\.1:1\/nowhere\): .*ECONNREFUSED/);
    expect(isOneLineRefusal(run)).toBe(true);
  });
});
