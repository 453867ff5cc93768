/**
 * Soak: the full `syncsim check`, N times, each with a fresh seed, and per scenario test how
 * often it passed, failed or timed out, with the seed of every failure (each replays with
 * `syncsim check --seed S`). A gate that is red one run in twenty is found here, not in CI.
 *   npm run soak -- --runs 20 [--timeout-minutes 30] [filters passed to check...]
 * Reads check's JUnit report; a check that writes none (a harness error before any test ran)
 * or exceeds the time limit is its own row. Wall clock and crypto seeds are fine here: this
 * measures the gate, it is not part of one.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { junitOutcomes, type TestOutcome } from './soak-junit.ts';

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, 'timeout-minutes': { type: 'string', default: '30' } },
  allowPositionals: true,
});
const runs = Number(values.runs);
const timeoutMs = Number(values['timeout-minutes']) * 60_000;
if (!Number.isSafeInteger(runs) || runs < 1 || !(timeoutMs > 0)) {
  console.error('soak: --runs must be an integer >= 1 and --timeout-minutes a positive number');
  process.exit(3);
}

const BIN = resolve(import.meta.dirname, '../bin/syncsim.js');
const dir = mkdtempSync(join(tmpdir(), 'syncsim-soak-'));
interface Row {
  passed: number;
  failed: number;
  timedOut: number;
  seeds: string[];
}
const rows = new Map<string, Row>();
const row = (name: string): Row => {
  let r = rows.get(name);
  if (!r) rows.set(name, (r = { passed: 0, failed: 0, timedOut: 0, seeds: [] }));
  return r;
};
const exits: number[] = [];

try {
  for (let run = 1; run <= runs; run++) {
    const seed = randomInt(-0x80000000, 0x7fffffff);
    const junit = join(dir, `run-${run}.xml`);
    const started = performance.now();
    const { code, timedOut } = await check(['check', '--seed', String(seed), '--junit', junit, ...positionals]);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    exits.push(code ?? -1);
    let outcomes: TestOutcome[] = [];
    try {
      outcomes = junitOutcomes(readFileSync(junit, 'utf8'));
    } catch {
      // No report: the run died before vitest wrote one.
    }
    for (const outcome of outcomes) {
      const r = row(outcome.name);
      if (outcome.state === 'passed') r.passed++;
      else if (outcome.state === 'skipped') continue;
      else {
        if (outcome.state === 'timed out') r.timedOut++;
        else r.failed++;
        r.seeds.push(String(seed));
      }
    }
    if (timedOut) {
      const r = row(`(whole check over ${values['timeout-minutes']} min)`);
      r.timedOut++;
      r.seeds.push(String(seed));
    } else if (outcomes.length === 0) {
      const r = row(`(check exit ${code} without a report)`);
      r.failed++;
      r.seeds.push(String(seed));
    }
    const bad = outcomes.filter((o) => o.state === 'failed' || o.state === 'timed out').length;
    console.log(
      `run ${run}/${runs}  seed ${seed}  exit ${code ?? 'killed'}${timedOut ? ' (timed out)' : ''}  ${outcomes.length} tests, ${bad} not passed  ${seconds}s`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const header = ['scenario test', 'passed', 'failed', 'timed out', 'seeds of failures'];
const table = [...rows.entries()]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([name, r]) => [name, String(r.passed), String(r.failed), String(r.timedOut), r.seeds.join(' ') || '-']);
console.log(`\nsoak: ${runs} runs of syncsim check; exit codes ${exits.join(' ')}\n`);
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const cells of table) console.log(`| ${cells.join(' | ')} |`);
const flaky = [...rows.values()].some((r) => r.failed + r.timedOut > 0);
process.exitCode = flaky ? 1 : 0;

function check(args: string[]): Promise<{ code: number | null; timedOut: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // The whole group: vitest's workers too; syncsim's watchdogs remove Postgres and its files.
      process.kill(-child.pid!, 'SIGTERM');
      setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 30_000).unref();
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, timedOut });
    });
  });
}
