/**
 * The run as the pictures (HTML timeline, Perfetto trace) draw it: with a minimised schedule,
 * its minimal interleaving, the one the console prints and the replay line replays, so the page
 * shows the few preemptions the bug needs; else the reported case as fast-check ran it.
 */
import type { RunResult } from '../runner/run-result.ts';
import { minimalReplayCommand, replayCommand } from './replay-command.ts';

export function drawnRun(result: RunResult): RunResult {
  const minimal = result.minimal;
  if (!minimal) return result;
  return {
    ...result,
    history: minimal.history,
    violations: minimal.violations,
    faultsInjected: minimal.faults,
    phase: minimal.phase,
  };
}

/** The replay line of what drawnRun draws: the minimal schedule's when there is one. */
export function drawnReplay(result: RunResult, invocation?: string): string {
  return minimalReplayCommand(result, invocation) ?? replayCommand(result, invocation);
}
