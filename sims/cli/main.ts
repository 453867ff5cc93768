/**
 * The `syncsim` command: dispatch to a subcommand; a usage error is one line naming the
 * problem and exit 3, before anything runs or is written.
 */
import { checkCommand } from './check-command.ts';
import { fakeCommand } from './fake-command.ts';
import { CliError } from './cli-error.ts';
import { listCommand } from './list-command.ts';
import { reproduceCommand } from './reproduce-command.ts';
import { runCommand } from './run-command.ts';
import { USAGE } from './usage.ts';

export async function main(argv: string[]): Promise<number> {
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
      case 'check':
        return await checkCommand(args, out);
      case 'run':
        return await runCommand(args, out, err);
      case 'reproduce':
        return await reproduceCommand(args, out, err);
      case 'list':
        return listCommand(args, out);
      case 'fake':
        return await fakeCommand(args, out);
      default:
        throw new CliError(
          `unknown command '${command}' (commands: check, run, reproduce, list, fake; see syncsim --help)`,
        );
    }
  } catch (error) {
    if (error instanceof CliError) {
      err(`syncsim: ${error.message}`);
      return 3;
    }
    err(`syncsim: harness error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 3;
  }
}
