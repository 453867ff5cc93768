/** Entry point of `npm run bot-cleanup` (see bot-cleanup-cli.ts and run-bot-cleanup-process.ts). */
import { runBotCleanupProcess } from './run-bot-cleanup-process.ts';

process.exitCode = await runBotCleanupProcess(process);
