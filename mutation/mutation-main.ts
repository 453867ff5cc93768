// The `npm run mutation` entry: a user's mistake (an unknown module) is one line and exit 3.
import { CliError } from '../sims/cli/cli-error.ts';
import { runMutation } from './run-mutation.ts';

try {
  await runMutation(process.cwd(), process.argv.slice(2), (line) => console.log(line));
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(`npm run mutation: ${error.message}`);
  process.exitCode = 3;
}
