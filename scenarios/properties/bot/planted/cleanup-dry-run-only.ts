/**
 * PLANTED BUG: the operator's cleanup only ever dry-runs (the job is scheduled without
 * --apply). It reports the legacy rows every time and changes nothing: the closed conversations
 * seeded with bot fields keep them. Caught by no-legacy-bot-fields.
 */
import { runBotCleanup } from '../../../../src/bot/apply-bot-cleanup.ts';

export const dryRunOnlyCleanup: typeof runBotCleanup = (deps) => runBotCleanup(deps, { apply: false });
