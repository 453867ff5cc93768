/**
 * Console report of a differential run: a status line, what was ignored as noise and why, and
 * for a difference the first divergence, the shrunk case, both histories side by side from the
 * first record where they part, and ONE replay line; always the latency table when there is one.
 */
import type { HistoryEvent } from '../history/history.ts';
import { counterexampleLines } from '../report/counterexample-lines.ts';
import { historyLines } from '../report/interleaving-lines.ts';
import { diffReplayCommand } from '../report/replay-command.ts';
import type { DiffResult } from './diff-result.ts';
import type { LatencyRow } from './latency.ts';

const MARK = { same: 'SAME', different: 'DIFFERENT', inconclusive: 'INCONCLUSIVE', error: 'ERROR' } as const;
const SIDE_BY_SIDE_LINES = 16;

export function formatDiff(result: DiffResult, invocation?: string): string {
  const lines = [
    `${MARK[result.status]}  ${result.scenario}: ${result.old} -> ${result.new}  (${result.cases} case pairs, ${result.shrinks} shrinks, seed ${result.seed})`,
  ];
  if (result.error) lines.push(`  error: ${result.error}`);
  const { noise } = result;
  lines.push(
    `  noise: ${result.old} against itself on ${noise.cases} cases: ${noise.measured.length === 0 ? 'none found' : `ignored ${noise.measured.join(', ')}`}`,
  );
  if (noise.declared.length > 0) lines.push(`  declared by the scenario: ignored ${noise.declared.join(', ')}`);
  if (result.status === 'different') {
    const [first, ...more] = result.divergences;
    if (first)
      lines.push(
        `  first divergence: ${first.path}: ${result.old} ${shown(first.old)}, ${result.new} ${shown(first.new)}`,
      );
    if (more.length > 0)
      lines.push(
        `  ${more.length} more: ${more
          .slice(0, 6)
          .map((d) => d.path)
          .join(', ')}${more.length > 6 ? ', ...' : ''}`,
      );
    lines.push(...counterexampleLines(result).map((line) => `  ${line}`));
    if (result.faultPlan) lines.push(`  faults: ${result.faultPlan}`);
    if (result.histories) lines.push(...sideBySide(result, result.histories.old, result.histories.new));
  }
  if (result.latency.length > 0) lines.push(...latencyLines(result));
  for (const miss of result.latencyMisses ?? []) lines.push(`  slower than demanded: ${miss}`);
  if ((result.status === 'different' || result.status === 'error') && result.path !== undefined)
    lines.push(`  replay: ${diffReplayCommand(result, invocation)}`);
  return lines.join('\n');
}

function shown(value: string | undefined): string {
  return value === undefined ? '(absent)' : value;
}

/** The first history record where the two runs of the case part (times aside), and both from there. */
function sideBySide(result: DiffResult, old: readonly HistoryEvent[], fresh: readonly HistoryEvent[]): string[] {
  const key = (e: HistoryEvent | undefined) =>
    e === undefined ? '' : JSON.stringify([e.type, e.actor, e.system, e.operation, e.args, e.result, e.error]);
  let from = 0;
  while (from < Math.max(old.length, fresh.length) && key(old[from]) === key(fresh[from])) from++;
  const left = historyLines(old, SIDE_BY_SIDE_LINES, from);
  const right = historyLines(fresh, SIDE_BY_SIDE_LINES, from);
  const lines = [`  histories from record ${from}, where they part:`];
  lines.push(`    ${result.old}:`, ...(left.length > 0 ? left : ['(nothing more)']).map((l) => `      ${l}`));
  lines.push(`    ${result.new}:`, ...(right.length > 0 ? right : ['(nothing more)']).map((l) => `      ${l}`));
  return lines;
}

function latencyLines(result: DiffResult): string[] {
  const head = ['operation', 'n', `${result.old} p50/p95/p99`, `${result.new} p50/p95/p99`, 'ratio p50/p95/p99'];
  const rows = result.latency.map((row: LatencyRow) => [
    row.operation,
    String(row.count.old),
    `${row.old.p50}/${row.old.p95}/${row.old.p99}`,
    `${row.new.p50}/${row.new.p95}/${row.new.p99}`,
    `${ratio(row.ratio.p50)}/${ratio(row.ratio.p95)}/${ratio(row.ratio.p99)}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `    ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return ['  latency (simulated ms per actor run, cases before any difference):', line(head), ...rows.map(line)];
}

function ratio(value: number | undefined): string {
  return value === undefined ? '-' : `${value.toFixed(2)}x`;
}
