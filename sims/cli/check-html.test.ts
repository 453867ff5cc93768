/**
 * `syncsim check --html FILE`: the runs that did not meet their expectation, whichever vitest
 * worker ran them, drawn into one timeline; with none, a page that says so. End to end through
 * the CLI with a planted run (sims/cli/fixtures/planted-unmet-run.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/syncsim.js');
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
const dir = mkdtempSync(join(tmpdir(), 'syncsim-check-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(plant: string, html: string) {
  const result = spawnSync(process.execPath, [BIN, 'check', 'sims/cli/fixtures/', '--html', html, '--seed', '7'], {
    cwd: resolve(import.meta.dirname, '../..'),
    encoding: 'utf8',
    env: { ...env, SYNCSIM_PLANT: plant },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('syncsim check --html', () => {
  it('draws the run that did not meet its expectation, with its invariant and replay line', () => {
    const html = join(dir, 'unmet.html');
    const result = check('unmet-run', html);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`timeline of 1 run not as expected: ${html}`);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('syncsim check: 1 run not as expected');
    expect(page).toContain('planted-unmet');
    expect(page).toContain('no-value-written');
    expect(page).toContain('npx syncsim run planted-unmet:writes --seed=7');
  });

  it('says so when every run met its expectation', () => {
    const html = join(dir, 'held.html');
    const result = check('held', html);
    expect(result.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('syncsim check: every run met its expectation');
  });
});
