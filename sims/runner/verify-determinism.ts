/**
 * `--verify-determinism`: the reported case and a sample of passing cases are each run twice
 * more and their histories compared byte for byte (and the reported case's with the history in
 * the report). A run is meant to be a function of (scenario, variant, seed, path); a difference
 * means something else (timing, state left by an earlier case) decided an outcome: a harness
 * error, reported with the first differing record.
 */
import type { HistoryEvent } from '../history/history.ts';
import { describeError } from '../schedule/scheduler-bridge.ts';
import type { CaseEngine } from './case-engine.ts';
import { firstDifference } from './first-difference.ts';
import { replayCase } from './replay-case.ts';
import type { RunResult } from './run-result.ts';
import type { Scenario } from './scenario.ts';

/** Passing cases replayed besides the reported one. */
export const DETERMINISM_SAMPLES = 2;

export interface DeterminismCheck {
  /** Cases run again to compare. */
  replays: number;
  /** The first difference found, naming the case and the record. */
  difference?: string;
}

export async function verifyDeterminism<Input, World>(
  scenario: Scenario<Input, World>,
  variant: string,
  engine: CaseEngine,
  result: RunResult,
  options: { samples?: number; maxSteps?: number | undefined } = {},
): Promise<DeterminismCheck> {
  const limits = options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {};
  const targets: Array<{ path: string; schedule?: string; reported?: readonly HistoryEvent[] }> = [];
  if (result.path !== undefined)
    targets.push({
      path: result.path,
      // A replay under --schedule is checked under that schedule.
      ...(result.replaySchedule !== undefined ? { schedule: result.replaySchedule } : {}),
      ...(result.status === 'broken' ? { reported: result.history } : {}),
    });
  for (const index of passingSample(result, options.samples ?? DETERMINISM_SAMPLES))
    targets.push({ path: String(index) });
  let replays = 0;
  for (const target of targets) {
    const histories: Array<readonly HistoryEvent[]> = target.reported ? [target.reported] : [];
    const where = `case --seed=${result.seed} --path=${target.path}`;
    for (let i = 0; i < 2; i++) {
      try {
        histories.push(
          (
            await replayCase(
              scenario,
              variant,
              engine,
              {
                seed: result.seed,
                path: target.path,
                ...(target.schedule !== undefined ? { schedule: target.schedule } : {}),
              },
              limits,
            )
          ).history,
        );
      } catch (error) {
        return { replays, difference: `${where} failed when run again: ${describeError(error)}` };
      }
      replays++;
    }
    for (let i = 1; i < histories.length; i++) {
      const difference = firstDifference(histories[0]!, histories[i]!);
      if (difference)
        return {
          replays,
          difference: `case --seed=${result.seed} --path=${target.path} ran differently: ${difference}`,
        };
    }
  }
  return { replays };
}

/** The result, or a harness error naming the first difference. */
export function withDeterminismVerified(result: RunResult, check: DeterminismCheck): RunResult {
  if (check.difference === undefined) return { ...result, determinismReplays: check.replays };
  return {
    ...result,
    status: 'error',
    met: false,
    determinismReplays: check.replays,
    error: `not deterministic: ${check.difference}`,
  };
}

/**
 * Cases of the initial search that passed, spread evenly: all cases before the first failure
 * (a path's first segment), or every case of a run that held. A function of the result only.
 */
function passingSample(result: RunResult, samples: number): number[] {
  const passed = result.path !== undefined ? Number(result.path.split(':')[0]) : Math.min(result.cases, result.runs);
  const picks = new Set<number>();
  for (let k = 1; k <= Math.min(samples, passed); k++) picks.add(Math.floor((k * passed) / (samples + 1)));
  return [...picks].filter((index) => index < passed);
}
