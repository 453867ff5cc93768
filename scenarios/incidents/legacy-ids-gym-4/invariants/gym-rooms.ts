// The rooms of a gym (or of every gym) as they are now, with their live channel (if any): what most invariants judge.
import type { Queryable } from 'syncsim';
import type { ChannelRecord } from 'syncsim/fakes/stream';
import type { LegacyIdsWorld } from '../legacy-ids-gym-4-world.ts';

export interface GymRoom {
  readonly roomId: number;
  readonly gymId: number;
  readonly channelId: string;
  readonly members: readonly number[];
  readonly channel: ChannelRecord | undefined;
}

export async function gymRooms(
  db: Queryable,
  world: Pick<LegacyIdsWorld, 'fake'>,
  gymId: number | undefined,
): Promise<GymRoom[]> {
  const { rows } = await db.query<{ id: string; gym_id: string; stream_channel_id: string; members: string[] }>(
    `SELECT r.id, r.gym_id, r.stream_channel_id,
            coalesce(array_agg(m.user_id ORDER BY m.user_id) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS members
       FROM chat_rooms r LEFT JOIN chat_room_members m ON m.room_id = r.id
      WHERE $1::bigint IS NULL OR r.gym_id = $1 GROUP BY r.id ORDER BY r.id`,
    [gymId ?? null],
  );
  return rows.map((row) => {
    const channel = world.fake.store.channels.get(`messaging:${row.stream_channel_id}`);
    return {
      roomId: Number(row.id),
      gymId: Number(row.gym_id),
      channelId: row.stream_channel_id,
      members: row.members.map(Number),
      channel: channel && channel.deletedAt === undefined ? channel : undefined,
    };
  });
}
