/**
 * no-agent-chat-closed-by-bot (safety): every takeover that committed left the chat with an
 * agent, unless an agent released it afterwards. The bot never takes a chat back from an agent
 * and never closes one, so a taken-over conversation that is closed or bot-assigned, with no
 * hand-back or agent close logged after the takeover, was closed (or reclaimed) by the bot.
 * Evidence is the world's takeover log (appended only after COMMIT returned; a seeded agent
 * chat counts as taken over from the start) and its release log (appended BEFORE each hand-back
 * or close is attempted, so an attempt whose outcome is unknown excuses the chat: lenient).
 * Sound because a release is conditional on the releasing agent still holding the chat: one
 * logged before a takeover's log entry cannot undo that takeover.
 */
import { defineInvariant } from 'syncsim';
import type { BotWorld } from '../bot-world.ts';

export const noAgentChatClosedByBot = defineInvariant<BotWorld>({
  name: 'no-agent-chat-closed-by-bot',
  kind: 'safety',
  description: 'a chat an agent took over is never closed (or reclaimed) by the bot',
  async check({ db, world }) {
    const lastTakeover = new Map<string, number>();
    world.takeovers.forEach((t, i) => lastTakeover.set(t.conversationId, i));
    for (const release of world.releases ?? [])
      if ((lastTakeover.get(release.conversationId) ?? Infinity) < release.after)
        lastTakeover.delete(release.conversationId);
    const ids = [...lastTakeover.keys()];
    if (ids.length === 0) return [];
    const { rows } = await db.query<{ id: string; status: string; assigned_to: string | null }>(
      `SELECT id::text, status, assigned_to FROM crm_conversations WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    );
    return rows
      .filter((row) => row.status !== 'active' || row.assigned_to === null || row.assigned_to === 'bot')
      .map((row) => ({
        invariant: 'no-agent-chat-closed-by-bot',
        message: `conversation ${row.id} was taken over by ${world.takeovers
          .filter((t) => t.conversationId === row.id)
          .map((t) => t.agent)
          .join(', ')} but is now ${row.status}, assigned to ${row.assigned_to ?? 'nobody'}`,
        details: row,
      }));
  },
});
