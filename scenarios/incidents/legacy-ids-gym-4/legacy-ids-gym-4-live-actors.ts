/**
 * The app running while gym 4 is migrated (validate-migration's criterion 7): customers still on
 * the old app build post in their rooms (as their legacy id, to the channel the room's row names
 * at that moment; every message Stream acknowledges is recorded for no-message-loss), and a
 * trainer creates a new room through the app's own path (src/chat createGymRoom). Each actor's
 * requests go through the scheduler, so the search interleaves them with every migration step.
 */
import type { Actor } from 'syncsim';
import { createGymRoom, formatStreamUserId } from '../../../src/chat/index.ts';
import { streamClientFor } from './legacy-ids-gym-4-actors.ts';
import { GYM, STREAM_URL, type LegacyIdsWorld } from './legacy-ids-gym-4-world.ts';

/** Who posts where while the migration runs: rooms with legacy members, a group and two directs. */
const POSTERS = [
  { userId: 10, roomId: 639 },
  { userId: 8, roomId: 641 },
  { userId: 17, roomId: 644 },
] as const;
const MESSAGES_EACH = 2;
const legacyUserId = (userId: number) => formatStreamUserId({ kind: 'legacy', userId });

function customerActor(world: LegacyIdsWorld, userId: number, roomId: number): Actor {
  return {
    name: `customer-${userId}`,
    async run(env) {
      const stream = streamClientFor(env);
      for (let n = 1; n <= MESSAGES_EACH; n++) {
        const { rows } = await env.db.query<{ stream_channel_id: string }>(
          'SELECT stream_channel_id FROM chat_rooms WHERE id = $1',
          [roomId],
        );
        const channelId = rows[0]!.stream_channel_id;
        const sent = await stream.post<{ message: { id: string } }>(
          `${STREAM_URL}/channels/messaging/${channelId}/message`,
          { message: { text: `live #${n} from ${legacyUserId(userId)}`, user_id: legacyUserId(userId) } },
        );
        world.acknowledged.set(sent.message.id, roomId);
      }
    },
  };
}

function roomCreatorActor(): Actor {
  return {
    name: 'trainer-20',
    async run(env) {
      const outcome = await createGymRoom(
        { db: env.db, stream: streamClientFor(env) },
        { gymId: GYM, name: 'Live room', createdBy: 20, members: [20, 21] },
      );
      return outcome.kind;
    },
  };
}

export function legacyIdsLiveActors(world: LegacyIdsWorld): Actor[] {
  return [...postersOf(world).map((p) => customerActor(world, p.userId, p.roomId)), roomCreatorActor()];
}

/**
 * The report's posters where the world has them (its rooms, with those legacy members); in a
 * snapshot of a real app, up to as many rooms that started with a legacy member, the first of
 * each, so the traffic lands where the migration works rather than on rooms that do not exist.
 */
function postersOf(world: LegacyIdsWorld): { userId: number; roomId: number }[] {
  const members = world.membersAtStart;
  const known = POSTERS.filter((p) => members.get(p.roomId)?.includes(legacyUserId(p.userId)));
  if (known.length > 0) return known;
  const found: { userId: number; roomId: number }[] = [];
  for (const [roomId, ids] of members) {
    const legacy = ids.map((id) => /^user_(\d+)$/.exec(id)?.[1]).find((id) => id !== undefined);
    if (legacy !== undefined && found.length < POSTERS.length) found.push({ userId: Number(legacy), roomId });
  }
  return found;
}
