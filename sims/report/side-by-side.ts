/** `reproduce`'s table: every variant of one scenario, what it was expected to do and what it did. */
import type { RunResult } from '../runner/run-result.ts';

export function sideBySide(results: readonly RunResult[]): string {
  const rows = [
    ['variant', 'expected', 'outcome', 'invariants broken', 'cases', 'met'],
    ...results.map((r) => [
      r.variant,
      r.expect,
      r.status,
      r.broken.join(', ') || '-',
      String(r.cases),
      r.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => '  ' + row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ')).join('\n');
}
