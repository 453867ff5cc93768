/**
 * Every message Stream ever acknowledged is still somewhere: in its channel (alive, not
 * deleted), or, for a channel the repair deleted, in that channel's export file in the
 * operator's export directory. Deleting and recreating room_General_4 (the report's option 3)
 * breaks this; so would deleting an orphan channel before exporting it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineInvariant, type Violation } from 'syncsim';
import type { RoomGeneral4World } from '../room-general-4-world.ts';

function exported(dir: string, channelId: string): Set<string> {
  try {
    const lines = readFileSync(join(dir, `${channelId}.jsonl`), 'utf8').split('\n');
    return new Set(lines.filter((line) => line !== '').map((line) => (JSON.parse(line) as { id: string }).id));
  } catch {
    return new Set();
  }
}

export const noMessageLoss = defineInvariant<RoomGeneral4World>({
  name: 'no-message-loss',
  kind: 'safety',
  description: 'every acknowledged message is in its live channel or in the export of the deleted one',
  check({ world }) {
    const lost = new Map<string, number>();
    const exports = new Map<string, Set<string>>();
    for (const [messageId, cid] of world.acknowledged) {
      const channel = world.fake.store.channels.get(cid);
      const alive = channel !== undefined && channel.deletedAt === undefined;
      if (alive && channel.messages.some((message) => message.id === messageId)) continue;
      const channelId = cid.slice(cid.indexOf(':') + 1);
      if (!exports.has(channelId)) exports.set(channelId, exported(world.sessionDir, channelId));
      if (!alive && exports.get(channelId)!.has(messageId)) continue;
      lost.set(cid, (lost.get(cid) ?? 0) + 1);
    }
    return [...lost].map(([cid, count]): Violation => ({
      invariant: 'no-message-loss',
      message: `${count} acknowledged message(s) of ${cid} are in neither the channel nor an export`,
      details: { cid, lost: count },
    }));
  },
});
