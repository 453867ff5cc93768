/**
 * Once the operator's repair has run (after heal): every room whose channel exists in Stream
 * has that channel in team gym_{room.gym_id}, with gym_id naming the same gym. Before the
 * repair, room_General_4 (room 639 of gym 5) sits in team gym_1.
 */
import { defineInvariant } from 'syncsim';
import type { RoomGeneral4World } from '../room-general-4-world.ts';

export const teamMatchesGym = defineInvariant<RoomGeneral4World>({
  name: 'team-matches-gym',
  kind: 'liveness',
  description: "every room's Stream channel is in team gym_{gym_id} with the same gym_id",
  async check({ db, world }) {
    const { rows } = await db.query<{ id: string; gym_id: string; stream_channel_id: string }>(
      'SELECT id, gym_id, stream_channel_id FROM chat_rooms ORDER BY id',
    );
    return rows.flatMap((room) => {
      const channel = world.fake.store.channels.get(`messaging:${room.stream_channel_id}`);
      if (!channel || channel.deletedAt !== undefined) return [];
      const gymId = channel.custom.gym_id;
      if (channel.team === `gym_${room.gym_id}` && String(gymId) === room.gym_id) return [];
      return [
        {
          invariant: 'team-matches-gym',
          message: `room ${room.id} of gym ${room.gym_id}: channel ${room.stream_channel_id} is in team ${channel.team ?? '(none)'} with gym_id ${String(gymId)}`,
        },
      ];
    });
  },
});
