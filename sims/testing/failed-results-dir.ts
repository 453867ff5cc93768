/**
 * `syncsim check --html FILE`: the tests run in vitest workers, which report only a verdict and
 * a message to the check process, so a test whose run did not meet its expectation leaves its
 * whole RunResult (history included) as JSON in the folder SYNCSIM_RESULTS_DIR names; check
 * reads them all after the run and draws them into one timeline. Unset: nothing is written.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { RunResult } from '../runner/run-result.ts';

export const RESULTS_DIR_VARIABLE = 'SYNCSIM_RESULTS_DIR';

let written = 0;

export function saveFailedResult(result: RunResult, env: NodeJS.ProcessEnv = process.env): void {
  const dir = env[RESULTS_DIR_VARIABLE];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  // Unique per worker (process, or thread should vitest run threads) and call; the order is
  // restored from the results themselves.
  writeFileSync(join(dir, `${process.pid}-${threadId}-${written++}.json`), JSON.stringify(result));
}

/** The saved results, in an order that does not depend on which worker finished first. */
export function readFailedResults(dir: string): RunResult[] {
  const results = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as RunResult);
  const key = (r: RunResult) => `${r.scenario}\u0000${r.variant}\u0000${r.seed}\u0000${r.path ?? ''}`;
  return results.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
