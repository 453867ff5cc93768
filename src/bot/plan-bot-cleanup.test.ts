/** The cleanup plan's size: every operation of the three categories. */
import { describe, expect, it } from 'vitest';
import { planTotal } from './plan-bot-cleanup.ts';

describe('planTotal', () => {
  it('adds the three categories', () => {
    expect(
      planTotal({
        orphanFiles: ['a', 'b', 'c'],
        closedConversationFiles: ['d', 'e'],
        closedWithBotFields: ['1', '2', '3', '4', '5', '6', '7'],
      }),
    ).toBe(12);
  });
});
