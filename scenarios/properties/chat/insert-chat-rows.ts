/**
 * Every row a properties-chat world starts with, written in one statement (one round trip instead
 * of one per row: ~30 per world, most of the world phase's time). Each table's rows go in in the
 * order given, as the row-by-row inserts did, so the tables' physical order is the same; the
 * foreign keys are checked at the end of the statement, when every table has its rows.
 */
import type { Queryable } from 'syncsim';
import type { WorldRows } from './seed-room.ts';

export interface ChatRows extends WorldRows {
  gyms: number[];
  users: number[];
  memberships: Array<{ gymId: number; userId: number }>;
}

export async function insertChatRows(db: Queryable, rows: ChatRows): Promise<void> {
  const { gyms, users, memberships, events, rooms, members } = rows;
  await db.query(
    `WITH g AS (
       INSERT INTO gyms (id, name) SELECT id, 'Gym ' || id FROM unnest($1::bigint[]) WITH ORDINALITY AS t(id, n) ORDER BY n
     ), u AS (
       INSERT INTO users (id, name) SELECT id, 'User ' || id FROM unnest($2::bigint[]) WITH ORDINALITY AS t(id, n) ORDER BY n
     ), m AS (
       INSERT INTO gym_memberships (gym_id, user_id)
       SELECT g, u FROM unnest($3::bigint[], $4::bigint[]) WITH ORDINALITY AS t(g, u, n) ORDER BY n
     ), e AS (
       INSERT INTO events (id, gym_id, title, starts_at)
       SELECT id, g, title, at FROM unnest($5::bigint[], $6::bigint[], $7::text[], $8::timestamptz[]) WITH ORDINALITY AS t(id, g, title, at, n)
        ORDER BY n
     ), r AS (
       INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind, event_id)
       SELECT id, g, c, name, kind, e
         FROM unnest($9::bigint[], $10::bigint[], $11::text[], $12::text[], $13::text[], $14::bigint[]) WITH ORDINALITY AS t(id, g, c, name, kind, e, n)
        ORDER BY n
     )
     INSERT INTO chat_room_members (room_id, user_id)
     SELECT r, u FROM unnest($15::bigint[], $16::bigint[]) WITH ORDINALITY AS t(r, u, n) ORDER BY n`,
    [
      gyms,
      users,
      memberships.map((m) => m.gymId),
      memberships.map((m) => m.userId),
      events.map((e) => e.id),
      events.map((e) => e.gymId),
      events.map((e) => e.title),
      events.map((e) => e.startsAt),
      rooms.map((r) => r.id),
      rooms.map((r) => r.gymId),
      rooms.map((r) => r.channelId),
      rooms.map((r) => r.name),
      rooms.map((r) => r.kind),
      rooms.map((r) => r.eventId),
      members.map((m) => m.roomId),
      members.map((m) => m.userId),
    ],
  );
}
