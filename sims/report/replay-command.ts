/** The one pasteable line that replays a reported case. */
export interface ReplayTarget {
  scenario: string;
  variant: string;
  seed: number;
  path?: string;
  /** A step bound given on the command line: the case's result depends on it, so it is replayed too. */
  maxSteps?: number;
  /** A schedule (departures from the default policy) to replay the case under. */
  replaySchedule?: string;
}

/** How the command is invoked: `npx syncsim` for installs, `node bin/syncsim.js` inside this repo. */
export function replayCommand(target: ReplayTarget, invocation = 'npx syncsim'): string {
  // fast-check seeds can be negative; `--seed=-5` keeps the value from reading as a flag.
  const parts = [invocation, 'run', `${target.scenario}:${target.variant}`, `--seed=${target.seed}`];
  if (target.path !== undefined) parts.push(`--path=${target.path}`);
  if (target.maxSteps !== undefined) parts.push(`--max-steps=${target.maxSteps}`);
  // The codec's keys are one shell word; the empty schedule (the default policy) needs quotes.
  if (target.replaySchedule !== undefined)
    parts.push(`--schedule=${target.replaySchedule === '' ? "''" : target.replaySchedule}`);
  return parts.join(' ');
}

/** The line that replays a run's minimal interleaving (its failure under the minimal schedule). */
export function minimalReplayCommand(
  result: ReplayTarget & { minimal?: { schedule: string } },
  invocation?: string,
): string | undefined {
  if (!result.minimal || result.path === undefined) return undefined;
  return replayCommand({ ...result, replaySchedule: result.minimal.schedule }, invocation);
}

export interface DiffReplayTarget {
  scenario: string;
  old: string;
  new: string;
  seed: number;
  path?: string;
  maxSteps?: number;
}

/** The line that replays one case of a differential run (`syncsim diff`). */
export function diffReplayCommand(target: DiffReplayTarget, invocation = 'npx syncsim'): string {
  const parts = [invocation, 'diff', target.scenario, target.old, target.new, `--seed=${target.seed}`];
  if (target.path !== undefined) parts.push(`--path=${target.path}`);
  if (target.maxSteps !== undefined) parts.push(`--max-steps=${target.maxSteps}`);
  return parts.join(' ');
}
