/**
 * The naive audit the benchmark compares auditStream with: the same listing (same streams,
 * same pacing), but every page goes into a Map in Node, then chat_rooms, chat_room_members and
 * events are read whole into Node and the diff runs there, with the rules of
 * src/chat/classify-channels-sql.ts (same order, same meaning). Memory grows with the app.
 */
import type { StreamChat } from 'stream-chat';
import { auditFindingKinds, type AuditFindingKind } from '../src/chat/audit-finding.ts';
import { listAllChannels, type ListAllChannelsOptions } from '../src/chat/list-all-channels.ts';
import type { ListedChannel } from '../src/chat/listed-channel.ts';
import { parseStreamChannelId } from '../src/chat/stream-channel-id.ts';
import { parseStreamUserId } from '../src/chat/stream-user-id.ts';
import type { Clock } from '../src/clock.ts';
import type { Db } from '../src/db/db.ts';

export interface NaiveAuditReport {
  channelsListed: number;
  pages: number;
  counts: Record<AuditFindingKind, number>;
  findings: { kind: AuditFindingKind; channelId: string }[];
}

export async function naiveAudit(
  deps: { db: Db; stream: StreamChat; clock: Clock },
  list: Omit<ListAllChannelsOptions, 'clock'>,
  /** Called at the points where the most is held (for heap sampling). */
  checkpoint: () => void = () => undefined,
): Promise<NaiveAuditReport> {
  const channels = new Map<string, ListedChannel>();
  let pages = 0;
  for await (const page of listAllChannels(deps.stream, { ...list, clock: deps.clock })) {
    for (const channel of page) channels.set(channel.id, channel);
    pages++;
  }
  const rooms = new Map<string, { id: number; gymId: number }>();
  for (const row of (
    await deps.db.query<{ id: string; gym_id: string; stream_channel_id: string }>(
      'SELECT id, gym_id, stream_channel_id FROM chat_rooms',
    )
  ).rows)
    rooms.set(row.stream_channel_id, { id: Number(row.id), gymId: Number(row.gym_id) });
  checkpoint();
  const members = new Map<number, number[]>();
  for (const row of (
    await deps.db.query<{ room_id: string; user_id: string }>(
      'SELECT room_id, user_id FROM chat_room_members ORDER BY room_id, user_id',
    )
  ).rows) {
    const roomId = Number(row.room_id);
    let list = members.get(roomId);
    if (!list) members.set(roomId, (list = []));
    list.push(Number(row.user_id));
  }
  checkpoint();
  const events = new Set(
    (await deps.db.query<{ id: string }>('SELECT id FROM events')).rows.map((row) => Number(row.id)),
  );

  const counts = Object.fromEntries(auditFindingKinds.map((kind) => [kind, 0])) as Record<AuditFindingKind, number>;
  const findings: NaiveAuditReport['findings'] = [];
  const judge = (channelId: string): AuditFindingKind => {
    const channel = channels.get(channelId);
    const room = rooms.get(channelId);
    if (!room) {
      const parsed = parseStreamChannelId(channelId);
      return parsed?.kind === 'event' && !events.has(parsed.eventId) ? 'orphan-event-channel' : 'only-in-stream';
    }
    if (!channel) return 'only-in-db';
    if (channel.team !== `gym_${room.gymId}`) return 'wrong-team';
    if (channel.gymId !== String(room.gymId)) return 'team-metadata-mismatch';
    const parsed = channel.memberIds.map(parseStreamUserId);
    if (parsed.some((member) => member?.kind === 'legacy')) return 'legacy-member-ids';
    const users = [...new Set(parsed.flatMap((member) => (member ? [member.userId] : [])))].sort((a, b) => a - b);
    return users.join(',') === (members.get(room.id) ?? []).join(',') ? 'synced' : 'member-mismatch';
  };
  for (const channelId of new Set([...channels.keys(), ...rooms.keys()])) {
    const kind = judge(channelId);
    counts[kind]++;
    if (kind !== 'synced') findings.push({ kind, channelId });
  }
  checkpoint();
  return { channelsListed: channels.size, pages, counts, findings };
}
