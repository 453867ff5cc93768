/** Who holds a conversation: the bot and nobody are not agents; any other assignee is. */
import { describe, expect, it } from 'vitest';
import { BOT, isAgent, keyOf } from './conversation-row.ts';

describe('isAgent', () => {
  it('is false for the bot and for an unassigned chat', () => {
    expect(isAgent(BOT)).toBe(false);
    expect(isAgent(null)).toBe(false);
  });

  it('is true for a human agent', () => {
    expect(isAgent('agent-7')).toBe(true);
  });
});

describe('keyOf', () => {
  it('is the session key of a row (the connection id travels as text)', () => {
    expect(keyOf({ phone: '51943001421', channel_connection_id: '12' })).toEqual({
      phone: '51943001421',
      channelConnectionId: 12,
    });
  });
});
