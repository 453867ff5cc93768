/**
 * `npm run bot-cleanup` as a function of the process it runs in (argv, environment, the two
 * streams), so the entry point is one line and what it wires is tested in-process.
 */
import { botCleanupCli } from './bot-cleanup-cli.ts';

export interface CleanupProcess {
  readonly argv: readonly string[];
  readonly env: { DATABASE_URL?: string | undefined };
  readonly stdout: { write(text: string): unknown; on(event: 'error', listener: () => void): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Runs the CLI on the process's arguments (after `node script`) and answers the exit code. */
export function runBotCleanupProcess(proc: CleanupProcess): Promise<number> {
  // `npm run bot-cleanup -- ... | head` must end quietly, not on an unhandled EPIPE.
  proc.stdout.on('error', () => undefined);
  return botCleanupCli(
    proc.argv.slice(2),
    proc.env,
    (line) => proc.stdout.write(line + '\n'),
    (line) => proc.stderr.write(line + '\n'),
  );
}
