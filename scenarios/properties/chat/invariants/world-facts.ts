/**
 * The world as it truly is, read without the module under test: the rooms, their members and the
 * events from Postgres (ungated), the live channels from the fake's store, and every channel id of
 * either side classified by the rules incident A's audit must follow - matched by channel id across
 * all gyms; missing on one side, an event channel whose event is gone, the wrong team, a gym_id
 * that disagrees with the team, legacy member ids, members that differ, else synced; the first
 * that applies is what the channel is. Written here from those rules (not from src/chat's SQL) so
 * that audit-matches-truth compares the audit against an independent reading.
 */
import type { Queryable } from 'syncsim';
import type { ChannelRecord } from 'syncsim/fakes/stream';
import type { ChatWorld } from '../chat-world.ts';

export interface Room {
  id: number;
  gymId: number;
  channelId: string;
  kind: string;
  name: string;
  eventId: number | null;
  members: number[];
}

export interface Fact {
  kind: string;
  channelId: string;
  gymId: number | null;
  roomId: number | null;
  room?: Room;
  channel?: ChannelRecord;
}

export interface WorldFacts {
  rooms: Room[];
  events: Map<number, number>;
  gyms: Set<number>;
  /** Live channels by channel id. */
  channels: Map<string, ChannelRecord>;
  facts: Fact[];
}

export const teamGym = (team: string | undefined): number | undefined => {
  const match = team === undefined ? null : /^gym_([1-9]\d*)$/.exec(team);
  return match ? Number(match[1]) : undefined;
};
export const eventOfChannel = (channelId: string): number | undefined => {
  const match = /^event_([1-9]\d*)_[A-Za-z0-9-]+$/.exec(channelId);
  return match && channelId.length <= 64 ? Number(match[1]) : undefined;
};
/** The user number of a Stream user id of the app, either format; undefined for anything else. */
export const userNumber = (id: string): number | undefined => {
  const match = /^(?:gym_[1-9]\d*_)?user_([1-9]\d*)$/.exec(id);
  return match ? Number(match[1]) : undefined;
};
export const channelGymId = (channel: ChannelRecord): string | null => {
  const value = channel.custom.gym_id;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
};

function classify(room: Room | undefined, channel: ChannelRecord | undefined, events: Map<number, number>): string {
  if (!room) {
    const event = eventOfChannel(channel!.id);
    return event !== undefined && !events.has(event) ? 'orphan-event-channel' : 'only-in-stream';
  }
  if (!channel) return 'only-in-db';
  if (channel.team !== `gym_${room.gymId}`) return 'wrong-team';
  if (channelGymId(channel) !== String(room.gymId)) return 'team-metadata-mismatch';
  const ids = [...channel.members.keys()];
  if (ids.some((id) => /^user_[1-9]\d*$/.test(id))) return 'legacy-member-ids';
  const inStream = [...new Set(ids.flatMap((id) => userNumber(id) ?? []))].sort((a, b) => a - b);
  return inStream.join(',') === room.members.join(',') ? 'synced' : 'member-mismatch';
}

export async function readWorldFacts(db: Queryable, world: ChatWorld): Promise<WorldFacts> {
  const roomRows = await db.query<{
    id: string;
    gym_id: string;
    stream_channel_id: string;
    kind: string;
    name: string;
    event_id: string | null;
  }>('SELECT id::text, gym_id::text, stream_channel_id, kind, name, event_id::text FROM chat_rooms ORDER BY id');
  const memberRows = await db.query<{ room_id: string; user_id: string }>(
    'SELECT room_id::text, user_id::text FROM chat_room_members',
  );
  const eventRows = await db.query<{ id: string; gym_id: string }>('SELECT id::text, gym_id::text FROM events');
  const gymRows = await db.query<{ id: string }>('SELECT id::text FROM gyms');
  const rooms = roomRows.rows.map((row) => ({
    id: Number(row.id),
    gymId: Number(row.gym_id),
    channelId: row.stream_channel_id,
    kind: row.kind,
    name: row.name,
    eventId: row.event_id === null ? null : Number(row.event_id),
    members: memberRows.rows
      .filter((member) => member.room_id === row.id)
      .map((member) => Number(member.user_id))
      .sort((a, b) => a - b),
  }));
  const events = new Map(eventRows.rows.map((row) => [Number(row.id), Number(row.gym_id)]));
  const channels = new Map<string, ChannelRecord>();
  for (const channel of world.fake.store.channels.values())
    if (channel.deletedAt === undefined) channels.set(channel.id, channel);
  const byChannel = new Map(rooms.map((room) => [room.channelId, room]));
  const facts: Fact[] = [];
  for (const channelId of [...new Set([...byChannel.keys(), ...channels.keys()])].sort()) {
    const room = byChannel.get(channelId);
    const channel = channels.get(channelId);
    const gymText = channel ? channelGymId(channel) : null;
    const gymId =
      room?.gymId ??
      teamGym(channel?.team) ??
      (gymText !== null && /^[1-9][0-9]{0,17}$/.test(gymText) ? Number(gymText) : null);
    facts.push({
      kind: classify(room, channel, events),
      channelId,
      gymId,
      roomId: room?.id ?? null,
      ...(room ? { room } : {}),
      ...(channel ? { channel } : {}),
    });
  }
  return { rooms, events, gyms: new Set(gymRows.rows.map((row) => Number(row.id))), channels, facts };
}
