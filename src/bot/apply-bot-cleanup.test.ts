/**
 * The operator's line: dry-run shows what is planned, apply shows what was actually done (which
 * is less than planned when a customer wrote again in between).
 */
import { describe, expect, it } from 'vitest';
import { formatBotCleanup, type BotCleanupReport } from './apply-bot-cleanup.ts';

const planned = { orphanFiles: 3, closedConversationFiles: 2, closedWithBotFields: 4, total: 9 };
const applied = { orphanFiles: 2, closedConversationFiles: 1, closedWithBotFields: 4, total: 7 };

describe('formatBotCleanup', () => {
  it('a dry-run reports the planned counts', () => {
    const report: BotCleanupReport = { mode: 'dry-run', planned, applied: { ...applied, total: 0 } };
    expect(formatBotCleanup(report)).toBe(
      'dry-run: 3 orphan files, 2 files of closed conversations, 4 closed conversations with bot fields = 9 operations',
    );
  });

  it('an apply reports the operations performed, not the plan', () => {
    expect(formatBotCleanup({ mode: 'apply', planned, applied })).toBe(
      'apply: 2 orphan files, 1 files of closed conversations, 4 closed conversations with bot fields = 7 operations',
    );
  });
});
