/**
 * What the invariants of incident B remember about the start, read from the state itself (the
 * database and the fake's store) once it is built, so the same invariants judge the report's
 * world and a snapshot of a real app loaded into it: which gym-4 rooms had a live channel and
 * who was in it, every message in a room's channel (acknowledged: it must not be lost), the
 * fingerprints of what a gym-4 migration must not touch, and a store listener that records any
 * member who joins a gym-4 channel before existing in Stream with team gym_4.
 */
import type { WorldContext } from 'syncsim';
import type { StreamFake } from 'syncsim/fakes/stream';
import { gymRooms } from './invariants/gym-rooms.ts';
import {
  channelFingerprint,
  GYM,
  otherGymsRows,
  userFingerprint,
  type LegacyIdsWorld,
} from './legacy-ids-gym-4-world.ts';

export async function completeLegacyIdsWorld(
  db: WorldContext<unknown>['db'],
  fake: StreamFake,
): Promise<LegacyIdsWorld> {
  const store = fake.store;
  const world: LegacyIdsWorld = {
    fake,
    acknowledged: new Map(),
    syncedAtStart: new Map(),
    membersAtStart: new Map(),
    untouched: new Map(),
    otherGymRows: await otherGymsRows(db, GYM),
    earlyMembers: [],
    reruns: [],
  };
  for (const room of await gymRooms(db, world, undefined)) {
    if (!room.channel) continue;
    for (const message of room.channel.messages) world.acknowledged.set(message.id, room.roomId);
    if (room.gymId !== GYM) continue;
    (world.syncedAtStart as Map<number, string>).set(room.roomId, room.channelId);
    (world.membersAtStart as Map<number, readonly string[]>).set(room.roomId, [...room.channel.members.keys()]);
  }
  const untouched = world.untouched as Map<string, string>;
  for (const channel of store.channels.values())
    if (channel.team !== `gym_${GYM}` && channel.deletedAt === undefined)
      untouched.set(`channel:${channel.id}`, channelFingerprint(channel));
  for (const user of store.users.values())
    if (!user.id.startsWith(`gym_${GYM}_user_`)) untouched.set(`user:${user.id}`, userFingerprint(user));

  const ready = (userId: string) => store.users.get(userId)?.teams.includes(`gym_${GYM}`) === true;
  store.onEvent((event) => {
    if (event.channel.team !== `gym_${GYM}`) return;
    const joined =
      event.type === 'member.added'
        ? [event.userId]
        : event.type === 'channel.created'
          ? [...event.channel.members.keys()]
          : [];
    for (const userId of joined)
      if (!ready(userId))
        world.earlyMembers.push(
          `${userId} joined ${event.channel.cid} before it existed in Stream with team gym_${GYM}`,
        );
  });
  return world;
}
