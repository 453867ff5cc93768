/**
 * The `before` audit: the team's own per-gym script, as the report describes it. For each gym
 * it lists the channels with `team = gym_{g}` and the rooms with `gym_id = g` and compares the
 * two by channel id inside that gym only. A channel whose team names the wrong gym can never
 * match: it is "only in Stream" for the gym its team names and its room is "only in DB" for the
 * gym the room is in. One wrong channel, two unrelated problems. An event channel whose event
 * is gone is just "only in Stream": the script never looked at events.
 */
import type { StreamChat } from 'stream-chat';
import type { Db } from 'syncsim';
import { toListedChannel } from '../../../src/chat/listed-channel.ts';
import type { AuditSeen } from './room-general-4-world.ts';

export async function perGymAudit(db: Db, stream: StreamChat, gyms: readonly number[]): Promise<AuditSeen> {
  const findings: AuditSeen['findings'][number][] = [];
  const synced = new Map<number | null, number>();
  for (const gymId of gyms) {
    const response = await stream.post<{ channels?: Parameters<typeof toListedChannel>[0][] }>(
      `${stream.baseURL}/channels`,
      { filter_conditions: { team: `gym_${gymId}` }, sort: [], limit: 30, state: true, message_limit: 0 },
    );
    const inStream = new Set((response.channels ?? []).flatMap((state) => toListedChannel(state)?.id ?? []));
    const rooms = await db.query<{ stream_channel_id: string }>(
      'SELECT stream_channel_id FROM chat_rooms WHERE gym_id = $1',
      [gymId],
    );
    const inDb = new Set(rooms.rows.map((row) => row.stream_channel_id));
    for (const id of inStream) if (!inDb.has(id)) findings.push({ kind: 'only-in-stream', channelId: id, gymId });
    for (const id of inDb) if (!inStream.has(id)) findings.push({ kind: 'only-in-db', channelId: id, gymId });
    synced.set(gymId, [...inStream].filter((id) => inDb.has(id)).length);
  }
  return { findings, synced };
}
