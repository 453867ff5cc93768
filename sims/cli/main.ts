/**
 * The `syncsim` command: dispatch to a subcommand; a usage error is one line naming the
 * problem and exit 3, before anything runs or is written.
 *
 * `wallClock` is the process's real time, read by bin/syncsim.js (outside the folders where
 * wall-clock reads are banned) and handed in. Only `fake` uses it, and only so the standalone
 * MotoPress fake can check the OAuth timestamps of clients in other processes; simulations never
 * see it.
 */
import { checkCommand } from './check-command.ts';
import { fakeCommand } from './fake-command.ts';
import { ProjectError } from '../project/project-error.ts';
import { CliError } from './cli-error.ts';
import { initCommand } from './init-command.ts';
import { listCommand } from './list-command.ts';
import { reproduceCommand } from './reproduce-command.ts';
import { runCommand } from './run-command.ts';
import { syncsimVersion } from './syncsim-version.ts';
import { USAGE } from './usage.ts';

export async function main(argv: string[], wallClock: () => number): Promise<number> {
  const out = (line: string) => process.stdout.write(line + '\n');
  const err = (line: string) => process.stderr.write(line + '\n');
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE.main ?? '');
        return command === undefined ? 3 : 0;
      case '--version':
      case '-v':
        out(syncsimVersion());
        return 0;
      case 'init':
        return initCommand(args, out);
      case 'check':
        return await checkCommand(args, out);
      case 'run':
        return await runCommand(args, out, err);
      case 'reproduce':
        return await reproduceCommand(args, out, err);
      case 'list':
        return await listCommand(args, out);
      case 'fake':
        return await fakeCommand(args, out, wallClock);
      default:
        throw new CliError(
          `unknown command '${command}' (commands: check, run, reproduce, list, fake, init; see syncsim --help)`,
        );
    }
  } catch (error) {
    // A mistake in the user's project (config, a scenario file) is theirs to fix: one line too.
    if (error instanceof CliError || error instanceof ProjectError) {
      err(`syncsim: ${error.message}`);
      return 3;
    }
    err(`syncsim: harness error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 3;
  }
}
