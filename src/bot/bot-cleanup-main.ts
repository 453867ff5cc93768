/** Entry point of `npm run bot-cleanup` (see bot-cleanup-cli.ts). */
import { botCleanupCli } from './bot-cleanup-cli.ts';

process.exitCode = await botCleanupCli(process.argv.slice(2), process.env, (line) => console.log(line));
