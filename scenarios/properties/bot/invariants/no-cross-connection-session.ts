/**
 * no-cross-connection-session (safety): a session file only ever holds the flow of its own key.
 * The same phone writes on two channel connections (two tenants' WhatsApp numbers): two
 * conversations, two files, `whatsapp_{phone}_{connection}.json`. Every message text is unique
 * and the world logs the key it was sent on; the bot stores the last text it handled in the
 * session's state, so a file whose last text was sent on another connection holds another
 * tenant's conversation (a store, a close or a sweep keyed by phone alone). Files whose state
 * names no text (seeded ones) say nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSessionFileName } from '../../../../src/bot/session-file-name.ts';
import { parseSession } from '../../../../src/bot/session-store.ts';
import { defineInvariant, type Violation } from 'syncsim';
import type { BotWorld } from '../bot-world.ts';

export const noCrossConnectionSession = defineInvariant<BotWorld>({
  name: 'no-cross-connection-session',
  kind: 'safety',
  description: 'a session file holds only messages sent on its own (connection, phone)',
  async check({ world }) {
    const sent = world.sent;
    if (!sent || sent.size === 0) return [];
    const violations: Violation[] = [];
    for (const file of (await readdir(world.sessionDir)).sort()) {
      const parsed = parseSessionFileName(file);
      if (!parsed || parsed.temp) continue;
      const session = parseSession(await readFile(join(world.sessionDir, file), 'utf8'));
      const text = session?.state.lastText;
      const from = typeof text === 'string' ? sent.get(text) : undefined;
      const own = `${parsed.channelConnectionId}/${parsed.phone}`;
      if (from !== undefined && from !== own)
        violations.push({
          invariant: 'no-cross-connection-session',
          message: `${file} holds '${String(text)}', a message sent on ${from}, not on ${own}`,
          details: { file, text, sentOn: from },
        });
    }
    return violations;
  },
});
