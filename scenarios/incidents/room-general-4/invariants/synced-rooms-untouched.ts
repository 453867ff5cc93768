/**
 * The repair of one channel touches nothing else: gym 4's five synced channels keep their
 * team, data, members and messages, and gym 4 keeps its 14 rooms in the database.
 */
import { defineInvariant, type Violation } from 'syncsim';
import { channelFingerprint, type RoomGeneral4World } from '../room-general-4-world.ts';

export const syncedRoomsUntouched = defineInvariant<RoomGeneral4World>({
  name: 'synced-rooms-untouched',
  kind: 'safety',
  description: "gym 4's synced channels and its 14 rooms are exactly as they were",
  async check({ db, world }) {
    const violations: Violation[] = [];
    for (const [id, before] of world.untouched) {
      const channel = world.fake.store.channels.get(`messaging:${id}`);
      if (!channel || channelFingerprint(channel) !== before)
        violations.push({ invariant: 'synced-rooms-untouched', message: `channel ${id} of gym 4 changed` });
    }
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chat_rooms WHERE gym_id = 4');
    if (rows[0]!.n !== 14)
      violations.push({ invariant: 'synced-rooms-untouched', message: `gym 4 has ${rows[0]!.n} rooms, not 14` });
    return violations;
  },
});
