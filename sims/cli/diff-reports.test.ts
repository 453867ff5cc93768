/**
 * `syncsim diff --html FILE --trace FILE`: both sides of the reported case, drawn by the same
 * reporters as `run`'s, each with the first divergence at the top and the diff's replay line
 * (a `run` line would replay another case: the path is the diff's). In-process, on the test
 * run's own server.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runMainInProcess as syncsim } from './run-main-in-process.ts';

const env = { DATABASE_URL: inject('syncsimPostgres').adminUrl, SYNCSIM_POSTGRES: 'url' };
const dir = mkdtempSync(join(tmpdir(), 'syncsim-diff-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('diff --html / --trace', () => {
  it('writes the old and the new side of the reported difference, with the diff replay line', async () => {
    const html = join(dir, 'diff.html');
    const trace = join(dir, 'diff.json');
    const run = await syncsim(
      ['diff', 'lost-update', 'locked', 'naive', '--runs', '100', '--seed', '3', '--html', html, '--trace', trace],
      env,
    );
    expect(run.code, run.stderr).toBe(1);
    const replay = /replay: (npx syncsim diff lost-update locked naive --seed=3 --path=\S+)/.exec(run.stdout)?.[1];
    expect(replay).toBeDefined();

    const page = readFileSync(html, 'utf8');
    expect(page).toContain('lost-update:locked');
    expect(page).toContain('lost-update:naive');
    expect(page).toContain('first divergence: ');
    expect(page).toContain(replay!);
    expect(page).not.toContain('syncsim run lost-update');

    const file = JSON.parse(readFileSync(trace, 'utf8')) as {
      traceEvents: unknown[];
      otherData: { runs: Array<{ run: string; status: string; replay: string }> };
    };
    expect(file.otherData.runs).toEqual([
      { run: 'lost-update:locked', status: 'broken', broken: ['differs'], replay },
      { run: 'lost-update:naive', status: 'broken', broken: ['differs'], replay },
    ]);
    expect(file.traceEvents.length).toBeGreaterThan(4);
  });
});
