/**
 * The team's migration script as the report describes it (incidents.md section B), ported as is:
 * phase 1 upserts every chatting user as gym_{g}_user_{u} with team gym_{g}; phase 2, for every
 * room, builds the new member ids, creates a NEW channel with them (direct_user_10_user_11 ->
 * direct_gym_4_user_10_gym_4_user_11; any other room -> room_{g}_{roomId}, e.g. room_General_10
 * -> room_4_639) and points the room's stream_channel_id at it. Re-runnable as they meant it:
 * "Channel already exists" is normal (get-or-create returns the channel, whatever its members).
 * The old channel, with the whole history, stays behind, and no room points at it any more.
 */
import type { StreamChat } from 'stream-chat';
import {
  canonicalMembers,
  formatStreamChannelId,
  gymTeam,
  tenantUserId,
  type MigrationRun,
} from '../../../src/chat/index.ts';
import type { Db } from '../../../src/db/index.ts';

export async function teamMigrationScript(deps: { db: Db; stream: StreamChat }, gymId: number): Promise<MigrationRun> {
  const { db, stream } = deps;
  const team = gymTeam(gymId);
  const users = await db.query<{ id: string; name: string }>(
    `SELECT DISTINCT u.id, u.name FROM users u JOIN chat_room_members m ON m.user_id = u.id
       JOIN chat_rooms r ON r.id = m.room_id WHERE r.gym_id = $1 ORDER BY u.id`,
    [gymId],
  );
  await stream.upsertUsers(
    users.rows.map((user) => ({ id: tenantUserId(gymId, Number(user.id)), name: user.name, teams: [team] })),
  );
  const rooms = await db.query<{ id: string; kind: string; members: string[] }>(
    `SELECT r.id, r.kind, array_agg(m.user_id ORDER BY m.user_id) AS members
       FROM chat_rooms r JOIN chat_room_members m ON m.room_id = r.id
      WHERE r.gym_id = $1 GROUP BY r.id ORDER BY r.id`,
    [gymId],
  );
  for (const room of rooms.rows) {
    const members = room.members.map((user) => tenantUserId(gymId, Number(user)));
    const ids = room.members.map((user) => ({ kind: 'tenant' as const, gymId, userId: Number(user) }));
    const channelId =
      room.kind === 'direct' && ids.length === 2
        ? formatStreamChannelId({ kind: 'direct', members: canonicalMembers(ids[0]!, ids[1]!) })
        : formatStreamChannelId({ kind: 'room', gymId, roomId: Number(room.id) });
    await stream.post(`${stream.baseURL}/channels/messaging/${channelId}/query`, {
      data: { team, gym_id: String(gymId), members, created_by_id: 'admin' },
      state: false,
      watch: false,
      presence: false,
    });
    await db.query('UPDATE chat_rooms SET stream_channel_id = $2 WHERE id = $1', [room.id, channelId]);
  }
  return { plan: { gymId, actions: [], left: [] } };
}
