/**
 * no-message-loss (safety): every message Stream ever acknowledged (the ledger saw it created,
 * seeded history included) is still in its live channel, or in an export file of the repair's
 * export directory (a complete JSON line with its id). A channel may be deleted only after its
 * messages were exported and read back; deleting and recreating a channel to "fix" it, or
 * deleting an orphan without its export, loses them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineInvariant } from 'syncsim';
import type { ChatWorld } from '../chat-world.ts';

async function exportedIds(dir: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort()) {
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      try {
        const id = (JSON.parse(line) as { id?: unknown }).id;
        if (typeof id === 'string') ids.add(id);
      } catch {
        // A torn last line proves nothing about its message.
      }
    }
  }
  return ids;
}

export const noMessageLoss = defineInvariant<ChatWorld>({
  name: 'no-message-loss',
  kind: 'safety',
  description: 'every acknowledged message is in its live channel or in an export file',
  async check({ world }) {
    const exported = await exportedIds(world.sessionDir);
    const live = new Set<string>();
    for (const channel of world.fake.store.channels.values())
      if (channel.deletedAt === undefined) for (const message of channel.messages) live.add(message.id);
    return [...world.ledger.messages.values()]
      .filter((message) => !live.has(message.id) && !exported.has(message.id))
      .map((message) => ({
        invariant: 'no-message-loss',
        message: `message ${message.id} of ${message.cid} is neither in a live channel nor in an export`,
        details: { ...message },
      }));
  },
});
