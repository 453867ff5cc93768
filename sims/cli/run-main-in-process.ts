/**
 * For tests: the `syncsim` command in this process, with its own environment and its output
 * captured as text. Hundreds of cases cost what one spawned process would.
 */
import { main } from './main.ts';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMainInProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    env,
    ...(cwd !== undefined ? { cwd } : {}),
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

/** The contract for bad input: exit 3, one line on stderr, nothing on stdout, no stack. */
export function isOneLineRefusal(run: CapturedRun): boolean {
  const lines = run.stderr.split('\n');
  return (
    run.code === 3 &&
    run.stdout === '' &&
    lines.length === 2 &&
    lines[1] === '' &&
    /^syncsim: \S/.test(lines[0] ?? '') &&
    !/\n\s+at /.test(run.stderr)
  );
}
