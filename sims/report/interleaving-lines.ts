/**
 * The interleaving of a failing case as the console shows it: one line per completed operation
 * (time, actor, the SQL with its parameters or the request, what came back), with `*` on the
 * steps that touch what a violation names (the same matching as the HTML timeline's highlight:
 * violationHits). A short interleaving is shown whole. A long one is cut around what matters,
 * not at a fixed count: the touching steps with one step of context each side, the rest counted
 * ("... 12 steps"), so the write that stored the bad row is on screen even when it is step 269.
 * With nothing to match (a violation without identifying details), the first and last steps.
 */
import type { HistoryEvent } from '../history/history.ts';
import { timeline, violationHits, type TimelineSource } from './timeline-model.ts';

interface Step {
  op: number;
  line: string;
}

export function interleavingLines(result: TimelineSource, limit = 40): string[] {
  const steps = completedSteps(result.history);
  if (steps.length === 0) return [];
  const ops = timeline(result).ops;
  const hits = result.violations.map((violation) => violationHits(violation, ops));
  const touching = new Set(hits.flatMap((hit) => hit.ops));
  const names = [...new Set(hits.flatMap((hit) => hit.names))];
  const marked = steps.some((step) => touching.has(step.op));
  const header = marked ? `interleaving (* = touches ${shortList(names)}):` : 'interleaving:';
  const render = (step: Step) => `${marked && touching.has(step.op) ? '  * ' : '    '}${step.line}`;
  if (steps.length <= limit) return [header, ...steps.map(render)];

  const keep = new Set<number>();
  if (marked) {
    const around = steps.flatMap((step, i) => (touching.has(step.op) ? [i - 1, i, i + 1] : []));
    const chosen = [...new Set(around)].filter((i) => i >= 0 && i < steps.length).sort((a, b) => a - b);
    // Too many even so: the first and the last of them (the race starts early, the bad write is late).
    const half = Math.floor(limit / 2);
    for (const i of chosen.length > limit ? [...chosen.slice(0, half), ...chosen.slice(-half)] : chosen) keep.add(i);
  } else {
    for (let i = 0; i < limit - 10; i++) keep.add(i);
    for (let i = steps.length - 10; i < steps.length; i++) keep.add(i);
  }
  const lines = [header];
  let skipped = 0;
  steps.forEach((step, i) => {
    if (!keep.has(i)) {
      skipped++;
      return;
    }
    if (skipped > 0) lines.push(`    ... ${skipped} step${skipped === 1 ? '' : 's'}`);
    skipped = 0;
    lines.push(render(step));
  });
  if (skipped > 0) lines.push(`    ... ${skipped} step${skipped === 1 ? '' : 's'}`);
  lines.push(`    (${keep.size} of ${steps.length} steps shown; every step in --json, --html or --trace)`);
  return lines;
}

/**
 * The completed operations from history record `from` on, one line each, the first `limit` and
 * the rest counted: `syncsim diff` shows two histories side by side from where they part.
 */
export function historyLines(history: readonly HistoryEvent[], limit: number, from = 0): string[] {
  const lines = completedSteps(history.filter((e) => e.type === 'invoke' || e.index >= from)).map((step) => step.line);
  return lines.length > limit ? [...lines.slice(0, limit), `... ${lines.length - limit} more in --json`] : lines;
}

function shortList(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** One line per completed operation in history order: time, actor, operation, outcome. */
function completedSteps(history: readonly HistoryEvent[]): Step[] {
  const invokes = new Map(history.filter((e) => e.type === 'invoke').map((e) => [e.index, e]));
  return history
    .filter((e) => e.type !== 'invoke' && e.system !== 'actor')
    .map((e) => {
      const call = invokes.get(e.op);
      const args = call?.args as { sql?: string; params?: unknown[] } | undefined;
      const sql = args?.sql?.replace(/\s+/g, ' ').trim();
      const what = sql ? `${sql}${args?.params ? ` ${JSON.stringify(args.params)}` : ''}` : e.operation;
      const result = e.result as { rowCount?: number | null; rows?: unknown[] } | undefined;
      const shown =
        e.type === 'ok'
          ? result?.rows && result.rows.length > 0
            ? ` -> ${JSON.stringify(result.rows)}`
            : ''
          : ` -> ${e.type}: ${e.error ?? ''}`;
      return { op: e.op, line: `t=${String(e.time).padStart(4)}ms ${e.actor.padEnd(10)} ${what}${shown}` };
    });
}
