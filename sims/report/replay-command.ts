/** The one pasteable line that replays a reported case. */
export interface ReplayTarget {
  scenario: string;
  variant: string;
  seed: number;
  path?: string;
}

/** How the command is invoked: `npx syncsim` for installs, `node bin/syncsim.js` inside this repo. */
export function replayCommand(target: ReplayTarget, invocation = 'npx syncsim'): string {
  // fast-check seeds can be negative; `--seed=-5` keeps the value from reading as a flag.
  const parts = [invocation, 'run', `${target.scenario}:${target.variant}`, `--seed=${target.seed}`];
  if (target.path !== undefined) parts.push(`--path=${target.path}`);
  return parts.join(' ');
}
