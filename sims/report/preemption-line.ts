/** "7 preemptions -> 1": how far the reported failure's schedule was minimised, and at what cost. */
import type { MinimalInterleaving } from '../runner/run-result.ts';

export function preemptionLine(minimal: Pick<MinimalInterleaving, 'before' | 'after' | 'runs' | 'budgetHit'>): string {
  const count = (n: number) => `${n} preemption${n === 1 ? '' : 's'}`;
  const stopped = minimal.budgetHit ? `, stopped at its budget of ${minimal.runs} runs: maybe not the smallest` : '';
  return `schedule minimised: ${count(minimal.before)} -> ${minimal.after} (${minimal.runs} runs${stopped}; a preemption = a release other than the default policy's)`;
}
