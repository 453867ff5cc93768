/** Entry point of `npm run bot-cleanup` (see bot-cleanup-cli.ts). */
import { botCleanupCli } from './bot-cleanup-cli.ts';

// `npm run bot-cleanup -- ... | head` must end quietly, not on an unhandled EPIPE.
process.stdout.on('error', () => undefined);
process.exitCode = await botCleanupCli(
  process.argv.slice(2),
  process.env,
  (line) => process.stdout.write(line + '\n'),
  (line) => process.stderr.write(line + '\n'),
);
