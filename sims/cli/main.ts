/**
 * The `syncsim` command: dispatch to a subcommand. Every error a user can cause (a flag, a
 * value, a scenario, an environment variable, a migration, a port in use, an unreachable
 * database) is one line naming the problem on stderr, exit 3, nothing on stdout and no file
 * written; `--debug` (anywhere on the line) adds the stack. Exit codes: exit-codes.ts.
 *
 * `wallClock` is the process's real time, read by bin/syncsim.js (outside the folders where
 * wall-clock reads are banned) and handed in. Only `fake` uses it, so the standalone MotoPress
 * fake can check the OAuth timestamps of clients in other processes; simulations never see it.
 */
import { checkCommand } from './check-command.ts';
import { cliContext, type CliStreams } from './cli-context.ts';
import { CliError, quote } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';
import { diffCommand } from './diff-command.ts';
import { fakeCommand } from './fake-command.ts';
import { ProjectError } from '../project/project-error.ts';
import { initCommand } from './init-command.ts';
import { listCommand } from './list-command.ts';
import { reproduceCommand } from './reproduce-command.ts';
import { runCommand } from './run-command.ts';
import { syncsimVersion } from './syncsim-version.ts';
import { USAGE } from './usage.ts';
import { validateMigrationCommand } from './validate-migration-command.ts';

export interface MainOptions extends Partial<CliStreams> {
  /** The environment the command reads (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The folder the command runs in: the user's project (default process.cwd()). */
  cwd?: string;
  /** The real time, for the standalone MotoPress fake's OAuth window (default: refused). */
  wallClock?: () => number;
}

export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const dashDash = argv.indexOf('--');
  const flags = dashDash < 0 ? argv : argv.slice(0, dashDash);
  const debug = flags.includes('--debug');
  const args = debug
    ? [...flags.filter((arg) => arg !== '--debug'), ...(dashDash < 0 ? [] : argv.slice(dashDash))]
    : [...argv];
  const cli = cliContext(
    { stdout: options.stdout ?? process.stdout, stderr: options.stderr ?? process.stderr },
    // A copy: the project config fills in defaults (openProject) without touching the caller's object.
    { ...(options.env ?? process.env) },
    debug,
    options.cwd ?? process.cwd(),
  );
  const [command, ...rest] = args;
  try {
    switch (command) {
      case undefined:
        throw new CliError(
          'no command given (commands: check, run, reproduce, diff, validate-migration, list, fake, init; see syncsim --help)',
        );
      case 'help':
      case '--help':
      case '-h':
        cli.out(USAGE.main ?? '');
        return EXIT.ok;
      case '--version':
      case '-v':
        cli.out(syncsimVersion());
        return EXIT.ok;
      case 'init':
        return initCommand(rest, cli.out, cli.cwd);
      case 'check':
        return await checkCommand(rest, cli);
      case 'run':
        return await runCommand(rest, cli);
      case 'reproduce':
        return await reproduceCommand(rest, cli);
      case 'diff':
        return await diffCommand(rest, cli);
      case 'list':
        return await listCommand(rest, cli);
      case 'validate-migration':
        return await validateMigrationCommand(rest, cli);
      case 'fake':
        return await fakeCommand(rest, cli, options.wallClock ?? noWallClock);
      default:
        throw new CliError(
          `unknown command ${quote(command)} (commands: check, run, reproduce, diff, validate-migration, list, fake, init; see syncsim --help)`,
        );
    }
  } catch (error) {
    for (const line of errorLines(error, debug)) cli.err(line);
    return EXIT.error;
  }
}

/** One line naming the problem; with --debug, the stack and its causes after it. */
export function errorLines(error: unknown, debug: boolean): string[] {
  const message = error instanceof Error ? error.message : String(error);
  // Only the first line: a multi-line message (e.g. Postgres's last output) is detail for --debug.
  const first = oneLine(message.split('\n')[0] ?? '');
  // A usage error says all there is to say; anything else may be a bug, so the line says where more is.
  const usersOwn = error instanceof CliError || error instanceof ProjectError;
  const line = `syncsim: ${first}${debug || usersOwn ? '' : ' (--debug shows the stack)'}`;
  if (!debug) return [line];
  const lines = [line];
  // A usage error's own stack only points into the flag parser; what caused it may say more.
  const start = usersOwn ? error.cause : error;
  for (let cause: unknown = start; cause instanceof Error; cause = cause.cause)
    lines.push(cause.stack ?? cause.message);
  return lines;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** In-process callers (tests) that start a fake without a clock: OAuth then refuses every timestamp. */
function noWallClock(): number {
  throw new CliError('the standalone fake needs the real time: run it through bin/syncsim.js');
}
