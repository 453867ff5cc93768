/**
 * Console report of one RunResult: a status line, and on failure the violated invariants, the
 * shrunk counterexample, the interleaving that broke it (minimised) and ONE replay command.
 */
import type { RunResult } from '../runner/run-result.ts';
import { counterexampleLines } from './counterexample-lines.ts';
import { interleavingLines } from './interleaving-lines.ts';
import { drawnReplay, drawnRun } from './drawn-run.ts';
import { replayCommand } from './replay-command.ts';
import { preemptionLine } from './preemption-line.ts';
import { violationLines } from './violation-lines.ts';

// What each phase is, so "found after phase: chaos" says when the invariants were checked.
const PHASES = {
  world: 'checked on the seeded world, before any actor ran',
  chaos: 'safety invariants, checked once the actors had run concurrently under faults, before healing',
  heal: 'checked while the heal actors ran, faults off',
  final: 'checked after the faults stopped and the heal actors ran: safety and liveness',
} as const;

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
    // With a minimised schedule, what is shown and replayed is the minimal interleaving (the
    // preemptions the bug needs, not whatever fast-check's random scheduler did besides): its
    // violations and phase too, so the replay line prints the very same lines again.
    const drawn = drawnRun(result);
    lines.push(...violationLines(drawn.violations).map((line) => `  ${line}`));
    if (result.alsoBroken) lines.push(`  also broken by other cases of this run: ${result.alsoBroken.join(', ')}`);
    lines.push(...counterexampleLines(result).map((line) => `  ${line}`));
    if (drawn.phase) lines.push(`  found after phase: ${drawn.phase} (${PHASES[drawn.phase]})`);
    const minimal = result.minimal;
    if (minimal) lines.push(`  ${preemptionLine(minimal)}`);
    const shown = interleavingLines(drawn).map((line, i) => (minimal && i === 0 ? `minimal ${line}` : line));
    lines.push(...shown.map((line) => `  ${line}`));
    lines.push(`  replay: ${drawnReplay(result, invocation)}`);
  }
  return lines.join('\n');
}
