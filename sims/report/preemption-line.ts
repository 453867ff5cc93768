/** "7 preemptions -> 1": how far the reported failure's schedule was minimised, and at what cost. */
import type { MinimalInterleaving } from '../runner/run-result.ts';

export function preemptionLine(minimal: Pick<MinimalInterleaving, 'before' | 'after' | 'runs' | 'budgetHit'>): string {
  const count = (n: number) => `${n} preemption${n === 1 ? '' : 's'}`;
  const cases = `${minimal.runs} case${minimal.runs === 1 ? '' : 's'} run`;
  const stopped = minimal.budgetHit ? ', stopped at its budget: maybe not the smallest' : '';
  return `schedule minimised: ${count(minimal.before)} -> ${minimal.after} (${cases}${stopped}; a preemption = a release other than the default policy's)`;
}
