/**
 * Where two histories of the same case part: the first record that differs, both versions
 * printed, or undefined when they are byte-identical.
 */
import type { HistoryEvent } from '../history/history.ts';

export function firstDifference(a: readonly HistoryEvent[], b: readonly HistoryEvent[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i] === undefined ? '(history ended)' : JSON.stringify(a[i]);
    const right = b[i] === undefined ? '(history ended)' : JSON.stringify(b[i]);
    if (left !== right) return `record ${i}: ${left} vs ${right}`;
  }
  return undefined;
}
