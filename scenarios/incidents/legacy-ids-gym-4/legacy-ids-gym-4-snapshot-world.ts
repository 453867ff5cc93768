/**
 * Incident B's world from a snapshot of a real app (`syncsim snapshot stream`) instead of the
 * report's: the snapshot's tables go into the test database and its users, channels, members
 * and messages into the Stream fake (ids and instants as captured; a text captured as its length
 * comes back as that many 'x's), then the invariants' memory of the start is read from that
 * state (complete-legacy-ids-world.ts), as for the built world. The fake answers at the same URL
 * and with the same credentials, so the migration's deps are the same.
 */
import type { MigrationSnapshots, WorldContext } from 'syncsim';
import { StreamFake, streamHandlers } from 'syncsim/fakes/stream';
import { loadSnapshotTables, parseStreamSnapshot, type StreamSnapshot } from '../../../src/chat/index.ts';
import { completeLegacyIdsWorld } from './complete-legacy-ids-world.ts';
import { STREAM_KEY, STREAM_SECRET, STREAM_URL, type LegacyIdsWorld } from './legacy-ids-gym-4-world.ts';

export async function legacyIdsWorldFromSnapshot(
  snapshot: StreamSnapshot,
  ctx: Pick<WorldContext<unknown>, 'db' | 'clock' | 'http'>,
): Promise<LegacyIdsWorld> {
  const fake = new StreamFake({ apiKey: STREAM_KEY, apiSecret: STREAM_SECRET, now: () => ctx.clock.now() });
  ctx.http.use(...streamHandlers(fake, STREAM_URL));
  const store = fake.store;
  await loadSnapshotTables(ctx.db, snapshot.tables);
  store.upsertUsers(
    snapshot.stream.users.map((user) => ({
      id: user.id,
      role: user.role,
      teams: [...user.teams],
      custom: { ...(user.custom ?? {}) },
    })),
  );
  for (const channel of snapshot.stream.channels) {
    const { channel: record } = store.getOrCreateChannel({
      type: channel.type,
      id: channel.id,
      distinct: false,
      data: {
        createdBy: channel.created_by_id,
        ...(channel.team !== null ? { team: channel.team } : {}),
        members: channel.members.map((m) => ({ userId: m.user_id, channelRole: m.channel_role, custom: {} })),
        custom: { ...channel.custom },
      },
    });
    record.createdAt = Date.parse(channel.created_at);
    for (const message of channel.messages) {
      const sent = store.sendMessage(channel.type, channel.id, {
        id: message.id,
        text: message.text ?? 'x'.repeat(message.text_length ?? 0),
        type: message.type,
        userId: message.user_id,
        custom: {},
      });
      sent.createdAt = Date.parse(message.created_at);
      sent.updatedAt = sent.createdAt;
    }
  }
  return completeLegacyIdsWorld(ctx.db, fake);
}

/** `validate-migration --snapshot FILE` on this world: the format of src/chat's snapshot command. */
export const legacyIdsSnapshots: MigrationSnapshots<LegacyIdsWorld> = {
  parse(json, scope) {
    const parsed = parseStreamSnapshot(json);
    if ('problem' in parsed) return parsed;
    // A snapshot of gym 1 holds nothing of gym 4: validating it would pass without running anything.
    const gym = parsed.snapshot.scope.gym_id;
    if (gym !== null && String(gym) !== scope.gym)
      return { problem: `scope.gym_id is ${gym}: it holds gym ${gym} only, not the scope gym=${scope.gym ?? ''}` };
    return parsed;
  },
  world: (snapshot, ctx) => legacyIdsWorldFromSnapshot(snapshot as StreamSnapshot, ctx),
};
