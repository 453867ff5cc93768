/**
 * made-room-has-channel (safety, checked at the end of chaos and at the end): what createGymRoom
 * told its caller holds whenever anyone looks. Once it returned `created` for a room, the app has
 * that room (a row with its channel id) and Stream has the channel, live, in the room's gym (team
 * gym_{g}, gym_id "g"). The user was told the room exists: a room that only a later webhook or
 * the nightly repair makes, or a channel whose gym comes later, is missing from the user's gym
 * until then, and the heal phase's repairs make the end state look right. Not judged: a room
 * whose event the admin deleted since (its room goes with it), a channel a person moved to
 * another gym by hand (world.edits.gym: the repair's to put back).
 */
import { defineInvariant, type Violation } from 'syncsim';
import type { ChatWorld } from '../chat-world.ts';
import { channelGymId } from './world-facts.ts';

export const madeRoomHasChannel = defineInvariant<ChatWorld>({
  name: 'made-room-has-channel',
  kind: 'safety',
  description: 'a room createGymRoom reported created has its row and its live channel in its gym',
  async check({ db, world }) {
    if (world.made.length === 0) return [];
    const rooms = new Map(
      (
        await db.query<{ stream_channel_id: string; gym_id: string }>(
          'SELECT stream_channel_id, gym_id::text FROM chat_rooms',
        )
      ).rows.map((row) => [row.stream_channel_id, Number(row.gym_id)]),
    );
    const events = new Set(
      (await db.query<{ id: string }>('SELECT id::text FROM events')).rows.map((row) => Number(row.id)),
    );
    const violations: Violation[] = [];
    const seen = new Set<string>();
    for (const made of world.made) {
      if (seen.has(made.channelId)) continue;
      seen.add(made.channelId);
      if ((made.eventId !== null && !events.has(made.eventId)) || world.edits.gym.has(made.channelId)) continue;
      const channel = world.fake.store.channels.get(`messaging:${made.channelId}`);
      const live = channel !== undefined && channel.deletedAt === undefined;
      const problem = !rooms.has(made.channelId)
        ? 'has no room'
        : !live
          ? 'has no live channel in Stream'
          : channel.team !== `gym_${made.gymId}` || channelGymId(channel) !== String(made.gymId)
            ? `has its channel in team ${channel.team ?? '(none)'} with gym_id ${channelGymId(channel) ?? '(none)'}`
            : undefined;
      if (problem)
        violations.push({
          invariant: 'made-room-has-channel',
          message: `${made.actor} was told room ${made.roomId} (${made.channelId}, gym ${made.gymId}) was created, but it ${problem}`,
          details: { ...made, room: rooms.has(made.channelId), live },
        });
    }
    return violations;
  },
});
