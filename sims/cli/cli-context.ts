/**
 * What every command receives instead of reaching for process globals: where its lines go,
 * the environment it reads, whether --debug was given, and how to guard a long run against
 * Ctrl-C. main() builds it from the real process; tests build it from strings.
 */
import { installInterruptGuard, type InterruptGuard } from './interrupt-guard.ts';
import { lineWriter, type LineStream } from './line-writer.ts';

export interface CliContext {
  /** A line of the command's result (stdout). Dropped once an interrupt is being handled. */
  readonly out: (line: string) => void;
  /** A line of progress or diagnostics (stderr). Dropped once an interrupt is being handled. */
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly debug: boolean;
  /** The folder the command runs in (the user's project). */
  readonly cwd: string;
  /** stderr is a terminal (progress rewrites one line). */
  readonly tty: boolean;
  /** Installs the Ctrl-C handling for a long run (see interrupt-guard.ts). */
  guard(what: string): InterruptGuard;
}

export interface CliStreams {
  stdout: LineStream & { isTTY?: boolean };
  stderr: LineStream & { isTTY?: boolean };
}

export function cliContext(streams: CliStreams, env: NodeJS.ProcessEnv, debug: boolean, cwd: string): CliContext {
  const out = lineWriter(streams.stdout);
  const err = lineWriter(streams.stderr);
  let guard: InterruptGuard | undefined;
  const quiet = () => guard?.stopping === true;
  return {
    out: (line) => (quiet() ? undefined : out(line)),
    err: (line) => (quiet() ? undefined : err(line)),
    env,
    debug,
    cwd,
    tty: streams.stderr.isTTY === true,
    guard(what) {
      guard = installInterruptGuard({ err, debug, what });
      return guard;
    },
  };
}
