// Reads what the planner needs for one gym: its rooms and their members from Postgres, each
// room's channel from Stream, the users chatting in the gym (room members in the database, and
// the members Stream shows in the rooms' channels under a legacy id or this gym's new id, so
// nobody a channel names is forgotten),
// and which of their `gym_{g}_user_{u}` ids already exist in Stream. Read-only on both sides.
import type { StreamChat } from 'stream-chat';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/db.ts';
import { paceStreamRequests } from '../pace-stream-requests.ts';
import { parseStreamUserId, tenantUserId } from '../stream-user-id.ts';
import type { MigrationRoom, MigrationState, MigrationUser } from './migration-state.ts';
import { readRoomChannels } from './read-room-channels.ts';
import { readStreamUsers } from './read-stream-users.ts';

export interface MigrationDeps {
  readonly db: Db;
  readonly stream: StreamChat;
  /**
   * With a clock, the migration paces its Stream requests by the rate-limit headers, sleeping on
   * it (pace-stream-requests.ts); without one it does not pace (a 429 fails that action).
   */
  readonly clock?: Clock;
}

/** Pace `deps.stream` when the deps give a clock (once per client; both the read and the apply call it). */
export function paceMigration(deps: MigrationDeps): void {
  if (deps.clock) paceStreamRequests(deps.stream, deps.clock);
}

export async function readMigrationState(deps: MigrationDeps, gymId: number): Promise<MigrationState> {
  paceMigration(deps);
  const { rows } = await deps.db.query<{ id: string; stream_channel_id: string; members: string[] }>(
    `SELECT r.id, r.stream_channel_id,
            coalesce(array_agg(m.user_id ORDER BY m.user_id) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS members
       FROM chat_rooms r LEFT JOIN chat_room_members m ON m.room_id = r.id
      WHERE r.gym_id = $1
      GROUP BY r.id ORDER BY r.id`,
    [gymId],
  );
  const rooms: MigrationRoom[] = rows.map((row) => ({
    roomId: Number(row.id),
    channelId: row.stream_channel_id,
    memberUsers: row.members.map(Number),
  }));
  const channels = await readRoomChannels(
    deps.stream,
    rooms.map((room) => room.channelId),
  );
  const chatting = new Set(rooms.flatMap((room) => room.memberUsers));
  for (const channel of channels.values())
    for (const memberId of channel.memberIds) {
      const parsed = parseStreamUserId(memberId);
      // A legacy member, or a member already under this gym's new id (it may lack the team).
      if (parsed?.kind === 'legacy' || (parsed?.kind === 'tenant' && parsed.gymId === gymId))
        chatting.add(parsed.userId);
    }
  const ids = [...chatting].sort((a, b) => a - b);
  const named = await deps.db.query<{ id: string; name: string }>(
    'SELECT id, name FROM users WHERE id = ANY($1::bigint[])',
    [ids],
  );
  const names = new Map(named.rows.map((row) => [Number(row.id), row.name]));
  const users: MigrationUser[] = ids.map((userId) => ({ userId, name: names.get(userId) ?? null }));
  const streamUsers = await readStreamUsers(
    deps.stream,
    ids.map((userId) => tenantUserId(gymId, userId)),
  );
  return { gymId, rooms, users, channels, streamUsers };
}
