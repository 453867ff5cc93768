// A room for a channel that exists only in Stream (the repair's "sync into the DB" and the
// webhook's unknown channel share this). Only when the channel's team and gym_id agree and the
// gym exists: otherwise nobody can say which gym the room belongs to, and guessing is how
// room_General_4 happened. Idempotent: a room that already exists for the channel is kept as
// it is (the unique stream_channel_id decides, also when two callers race).
import type { Queryable } from '../db/db.ts';
import type { ListedChannel } from './listed-channel.ts';
import { parseStreamChannelId } from './stream-channel-id.ts';
import { parseGymTeam, parseStreamUserId } from './stream-user-id.ts';

export type CreateRoomOutcome =
  | { readonly kind: 'created' | 'exists'; readonly roomId: number; readonly gymId: number }
  | { readonly kind: 'refused'; readonly why: string };

/** Which gym the channel belongs to, or why it cannot be told. */
export function gymOfChannel(channel: Pick<ListedChannel, 'team' | 'gymId'>): number | string {
  const teamGym = parseGymTeam(channel.team);
  if (teamGym === undefined) return `team ${channel.team ?? '(none)'} is not gym_{id}`;
  if (channel.gymId !== String(teamGym)) return `team ${channel.team} and gym_id ${channel.gymId ?? '(none)'} disagree`;
  return teamGym;
}

export async function createRoomFromChannel(tx: Queryable, channel: ListedChannel): Promise<CreateRoomOutcome> {
  const existing = await tx.query<{ id: string; gym_id: string }>(
    'SELECT id, gym_id FROM chat_rooms WHERE stream_channel_id = $1',
    [channel.id],
  );
  if (existing.rows[0])
    return { kind: 'exists', roomId: Number(existing.rows[0].id), gymId: Number(existing.rows[0].gym_id) };
  const gymId = gymOfChannel(channel);
  if (typeof gymId === 'string') return { kind: 'refused', why: gymId };
  const gym = await tx.query('SELECT 1 FROM gyms WHERE id = $1', [gymId]);
  if (gym.rowCount === 0) return { kind: 'refused', why: `gym ${gymId} does not exist` };
  const parsed = parseStreamChannelId(channel.id);
  const eventId = parsed?.kind === 'event' ? parsed.eventId : null;
  if (eventId !== null) {
    const event = await tx.query('SELECT 1 FROM events WHERE id = $1 AND gym_id = $2', [eventId, gymId]);
    if (event.rowCount === 0) return { kind: 'refused', why: `event ${eventId} of gym ${gymId} does not exist` };
  }
  const kind = eventId !== null ? 'event' : parsed?.kind === 'direct' ? 'direct' : 'group';
  // The room shows the channel's name, as a room made by createGymRoom does; the channel id is
  // the fallback for a channel that has none (properties-chat found rooms synced from Stream
  // named room_2_7 over a channel named "Class 101 chat").
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO chat_rooms (gym_id, stream_channel_id, name, kind, event_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (stream_channel_id) DO NOTHING RETURNING id`,
    [gymId, channel.id, channel.name ?? channel.id, kind, eventId],
  );
  if (!inserted.rows[0]) return createRoomFromChannel(tx, channel);
  const roomId = Number(inserted.rows[0].id);
  const users = [...new Set(channel.memberIds.flatMap((id) => parseStreamUserId(id)?.userId ?? []))];
  // Members that are users of this app; a Stream-only user id has no row to point at.
  await tx.query(
    `INSERT INTO chat_room_members (room_id, user_id) SELECT $1, u.id FROM users u WHERE u.id = ANY($2::bigint[])
     ON CONFLICT DO NOTHING`,
    [roomId, users],
  );
  return { kind: 'created', roomId, gymId };
}
