/**
 * Console report of one RunResult: a status line, and on failure the violated invariants, the
 * shrunk counterexample, the interleaving that broke it and ONE replay command.
 */
import type { HistoryEvent } from '../history/history.ts';
import type { RunResult } from '../runner/run-result.ts';
import { replayCommand } from './replay-command.ts';

const MARK = { held: 'HELD', broken: 'BROKEN', inconclusive: 'INCONCLUSIVE', error: 'ERROR' } as const;

export function formatRunLine(result: RunResult): string {
  const expectation = result.met ? 'as expected' : `expected to ${result.expect === 'holds' ? 'hold' : 'break'}`;
  const what = result.status === 'broken' ? ` ${result.broken.join(', ')}` : '';
  return `${MARK[result.status]}${what}  ${result.scenario}:${result.variant}  (${result.cases} cases, ${result.shrinks} shrinks, seed ${result.seed}; ${expectation})`;
}

export function formatRun(result: RunResult, invocation?: string): string {
  const lines = [formatRunLine(result)];
  if (result.error) lines.push(`  error: ${result.error}`);
  // A case the harness cut short (or one that ran differently when run again) replays too.
  if (result.status === 'error' && result.path !== undefined)
    lines.push(`  replay: ${replayCommand(result, invocation)}`);
  if (result.status === 'broken') {
    for (const v of result.violations) lines.push(`  ${v.invariant}: ${v.message}`);
    if (result.alsoBroken) lines.push(`  also broken by other cases of this run: ${result.alsoBroken.join(', ')}`);
    if (result.counterexample) {
      const from =
        result.firstFailure && result.firstFailure !== result.counterexample
          ? `  (shrunk from ${result.firstFailure})`
          : '';
      lines.push(`  counterexample: ${result.counterexample}${from}`);
    }
    if (result.shrinkStopped)
      lines.push(
        `  shrinking stopped at its budget of ${result.shrinkCases} cases: a smaller counterexample may exist`,
      );
    if (result.phase) lines.push(`  found after phase: ${result.phase}`);
    const ops = interleaving(result.history);
    if (ops.length > 0) {
      lines.push('  interleaving:');
      for (const op of ops) lines.push(`    ${op}`);
    }
    lines.push(`  replay: ${replayCommand(result, invocation)}`);
  }
  return lines.join('\n');
}

/** One line per completed operation in history order: time, actor, operation, outcome. */
export function interleaving(history: readonly HistoryEvent[], limit = 40, from = 0): string[] {
  const invokes = new Map(history.filter((e) => e.type === 'invoke').map((e) => [e.index, e]));
  const lines = history
    .filter((e) => e.type !== 'invoke' && e.system !== 'actor' && e.index >= from)
    .map((e) => {
      const call = invokes.get(e.op);
      const args = call?.args as { sql?: string; params?: unknown[] } | undefined;
      const what = args?.sql ? `${args.sql}${args.params ? ` ${JSON.stringify(args.params)}` : ''}` : e.operation;
      const result = e.result as { rowCount?: number | null; rows?: unknown[] } | undefined;
      const shown =
        e.type === 'ok'
          ? result?.rows && result.rows.length > 0
            ? ` -> ${JSON.stringify(result.rows)}`
            : ''
          : ` -> ${e.type}: ${e.error ?? ''}`;
      return `t=${String(e.time).padStart(4)}ms ${e.actor.padEnd(10)} ${what}${shown}`;
    });
  return lines.length > limit ? [...lines.slice(0, limit), `... ${lines.length - limit} more in --json`] : lines;
}
