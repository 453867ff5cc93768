/**
 * syncsim on a team's own project, proven: `npm pack` this repo, install the tarball into a fresh
 * project (fixtures/counter-project: its own module, its own .sql migrations, one scenario whose
 * `racy` variant breaks and whose `atomic` variant holds), and use the command there as a team
 * would. Nothing comes from the network: the project's lock lists the versions `npm ci` put in
 * the cache (consumer-lockfile.ts). Slow by nature (pack builds dist/, npm installs ~250
 * packages): vitest prints the file's runtime.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerLockfile } from './consumer-lockfile.ts';

const REPO = resolve(import.meta.dirname, '../..');
const FIXTURE = join(import.meta.dirname, 'fixtures/counter-project');
const SCENARIO = 'scenarios/page-visits.scenario.ts';
const MINUTES = 60_000;

// The commands as a user runs them: not inside a vitest worker, not pointed at this repo's schema.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'SYNCSIM_MIGRATIONS'),
);

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, command: string, args: string[]): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let project: string;
const syncsim = (...args: string[]) => run(project, 'npx', ['--no-install', 'syncsim', ...args]);

beforeAll(async () => {
  // World-readable, so the embedded server (run as the postgres user when we are root) can
  // reach its binaries in this project's node_modules even when tmpdir() hands out mode 700.
  project = mkdtempSync(join(tmpdir(), 'syncsim-consumer-'));
  chmodSync(project, 0o755);
  const packed = await run(REPO, 'npm', ['pack', '--pack-destination', project]);
  expect(packed.code, packed.stderr).toBe(0);
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
  const tarball = `syncsim-${manifest.version}.tgz`;
  const integrity = `sha512-${createHash('sha512')
    .update(readFileSync(join(project, tarball)))
    .digest('base64')}`;

  cpSync(FIXTURE, project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'counter-app',
      private: true,
      type: 'module',
      dependencies: { syncsim: `file:${tarball}` },
    }),
  );
  const repoLock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as Parameters<
    typeof consumerLockfile
  >[0];
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify(
      consumerLockfile(repoLock, 'counter-app', {
        tarball,
        integrity,
        manifest: manifest as Parameters<typeof consumerLockfile>[2]['manifest'],
      }),
    ),
  );
  const installed = await run(project, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);
  expect(installed.code, installed.stderr).toBe(0);
}, 20 * MINUTES);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('syncsim installed from its tarball into a project of its own', () => {
  it(
    'lists the project scenario, discovered, and answers --version and init',
    async () => {
      const listed = await syncsim('list');
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toContain('page-visits:racy  breaks no-lost-visit');
      expect(listed.stdout).toContain('page-visits:atomic (default)  holds');
      const json = JSON.parse((await syncsim('list', '--json')).stdout) as { id: string; file: string }[];
      expect(json.map((s) => [s.id, s.file])).toEqual([
        ['page-visits', SCENARIO],
        ['trailing-slash', 'scenarios/trailing-slash.scenario.ts'],
      ]);
      expect((await syncsim('--version')).stdout.trim()).toBe(
        (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version,
      );
      const init = await syncsim('init');
      expect(init.code).toBe(3);
      expect(init.stderr.trim()).toBe('syncsim: init: syncsim.config.ts already exists; nothing was written');
    },
    5 * MINUTES,
  );

  it(
    'check exits 1 when the racy variant is declared to hold, with its replay line',
    async () => {
      const source = readFileSync(join(project, SCENARIO), 'utf8');
      const wrong = source.replace("expect: 'breaks',\n      breaks: ['no-lost-visit'],", "expect: 'holds',");
      expect(wrong).not.toBe(source);
      writeFileSync(join(project, SCENARIO), wrong);
      try {
        const checked = await syncsim('check');
        expect(checked.code, checked.stdout + checked.stderr).toBe(1);
        expect(checked.stdout).toMatch(
          /BROKEN page-visits \(scenarios\/page-visits\.scenario\.ts\) > page-visits:racy holds/,
        );
        expect(checked.stdout).toMatch(/replay: npx syncsim run page-visits:racy --seed=-?\d+ --path=[\d:]+/);
        expect(checked.stdout).toContain('2 passed, 1 failed');
      } finally {
        writeFileSync(join(project, SCENARIO), source);
      }
    },
    5 * MINUTES,
  );

  it(
    'check exits 0 when the expectations are declared right',
    async () => {
      const checked = await syncsim('check');
      expect(checked.code, checked.stdout + checked.stderr).toBe(0);
      expect(checked.stdout).toContain('3 passed, 0 failed');
    },
    5 * MINUTES,
  );

  it(
    'run reports the lost visit with one replay line, and the replay reproduces it',
    async () => {
      const first = await syncsim('run', 'page-visits:racy', '--seed', '7');
      expect(first.code, first.stderr).toBe(1);
      expect(first.stdout).toMatch(/^BROKEN no-lost-visit {2}page-visits:racy .*; as expected\)/);
      const replays = first.stdout.split('\n').filter((line) => line.includes('syncsim run'));
      expect(replays).toHaveLength(1);
      const replay = /replay: npx syncsim (.*)$/.exec(replays[0]!)![1]!.split(' ');
      const again = await syncsim(...replay);
      expect(again.code, again.stderr).toBe(1);
      const violation = (out: string) => out.split('\n').find((line) => line.startsWith('  no-lost-visit:'));
      expect(violation(again.stdout)).toBe(violation(first.stdout));
      expect(again.stdout).toContain(replays[0]!);
    },
    5 * MINUTES,
  );

  it(
    'reproduce runs both variants side by side and exits 0 when both meet their expectation',
    async () => {
      const reproduced = await syncsim('reproduce', 'page-visits');
      expect(reproduced.code, reproduced.stdout + reproduced.stderr).toBe(0);
      expect(reproduced.stdout).toMatch(/racy\s+breaks\s+broken\s+no-lost-visit\s+\d+\s+yes/);
      expect(reproduced.stdout).toMatch(/atomic\s+holds\s+held\s+-\s+30\s+yes/);
    },
    5 * MINUTES,
  );

  it(
    "validate-migration judges the project's own migration module, given by path",
    async () => {
      const good = await syncsim(
        'validate-migration',
        './data-migrations/merge-trailing-slashes.ts',
        '--world',
        'trailing-slash',
        '--seed',
        '3',
      );
      expect(good.code, good.stdout + good.stderr).toBe(0);
      expect(good.stdout).toContain('merge-trailing-slashes on trailing-slash (scope prefix=/blog/, seed 3)');
      expect(good.stdout).toMatch(
        /2\. PASS +crash anywhere, then resume\n +3 steps -> 4 crash points \+ 2 lost responses/,
      );
      expect(good.stdout).not.toMatch(/FAIL/);

      // Killed between the add and the delete, or with the add's answer lost, the re-run adds twice.
      const split = await syncsim('validate-migration', './data-migrations/merge-in-three-steps.ts', '--seed', '3');
      expect(split.code, split.stdout + split.stderr).toBe(1);
      expect(split.stdout).toMatch(/2\. FAIL +crash anywhere, then resume/);
      expect(split.stdout).toMatch(/response lost at pg statement \d+ \(UPDATE page_counters/);
      expect(split.stdout).toMatch(/visits-conserved: \d+ visits under \/blog\/, \d+ before/);
      expect(split.stdout).toContain(
        'replay: syncsim validate-migration ./data-migrations/merge-in-three-steps.ts --world trailing-slash --scope prefix=/blog/ --seed 3',
      );
      expect(split.stdout).toMatch(/1\. PASS +dry-run = apply/);

      const broken = await syncsim('validate-migration', './data-migrations/no-apply.ts');
      expect(broken.code).toBe(3);
      expect(broken.stderr.trim()).toBe(
        'syncsim: migration module ./data-migrations/no-apply.ts: the default export lacks apply(deps, plan) (a migration module exports default { name, plan, apply })',
      );
    },
    5 * MINUTES,
  );
});
