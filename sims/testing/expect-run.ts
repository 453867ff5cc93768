/**
 * Turn a RunResult into a test outcome. A test fails with an error whose name tells
 * `syncsim check` which exit code it means: InvariantBroken (1), Inconclusive (2), anything
 * else is a harness error (3). The message carries the console report and its replay command.
 */
import { formatRun } from '../report/format-run.ts';
import { InvariantBroken } from '../invariants/invariant-broken.ts';
import type { RunResult } from '../runner/run-result.ts';
import { saveFailedResult } from './failed-results-dir.ts';

export class Inconclusive extends Error {
  override name = 'Inconclusive';
}
export class HarnessError extends Error {
  override name = 'HarnessError';
}

export function expectMet(result: RunResult): RunResult {
  if (result.met) return result;
  saveFailedResult(result);
  const report = formatRun(result);
  if (result.status === 'error') throw new HarnessError(report);
  if (result.status === 'broken') throw new InvariantBroken(report);
  if (result.status === 'held') {
    throw new Inconclusive(
      `${report}\n  expected to break but held over ${result.cases} cases: the scenario proves nothing`,
    );
  }
  throw new Inconclusive(report);
}
