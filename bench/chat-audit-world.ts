/**
 * The chat audit benchmark's world: N Stream channels written straight into the fake's store
 * and about as many rooms bulk-inserted into Postgres (unnest batches, a few statements for the
 * whole world), with 1% of each finding kind planted. Channel i belongs to gym (i % 100) + 1;
 * rooms are created with their channels (same created_at; three channels share each instant,
 * so keyset pages split ties). By i % 100:
 *   0 wrong-team (team names the next gym)       4 legacy-member-ids (user_{u} members)
 *   1 team-metadata-mismatch (gym_id is wrong)   5 member-mismatch (one member missing)
 *   2 orphan-event-channel (no room, no event)   6 synced, plus a room with no channel: only-in-db
 *   3 only-in-stream (no room)                   7 synced event channel (room and event exist)
 * everything else synced. N must be a multiple of 100.
 */
import type { StreamStore } from '../fakes/stream/index.ts';
import type { AuditFindingKind } from '../src/chat/audit-finding.ts';
import type { Queryable } from '../src/db/db.ts';

export const gyms = 100;
const usersPerGym = 20;
export const worldStart = Date.UTC(2024, 0, 1);
const minute = 60_000;

export interface ChatAuditWorld {
  channels: number;
  rooms: number;
  planted: Record<AuditFindingKind, number>;
}

interface Room {
  id: number;
  gymId: number;
  channelId: string;
  kind: 'group' | 'event';
  eventId: number | null;
  createdAt: number;
  members: number[];
}

export async function buildChatAuditWorld(store: StreamStore, db: Queryable, n: number): Promise<ChatAuditWorld> {
  if (n % 100 !== 0) throw new RangeError(`N must be a multiple of 100, got ${n}`);
  const planted: Record<AuditFindingKind, number> = {
    synced: 0,
    'wrong-team': 0,
    'team-metadata-mismatch': 0,
    'legacy-member-ids': 0,
    'member-mismatch': 0,
    'orphan-event-channel': 0,
    'only-in-stream': 0,
    'only-in-db': 0,
  };
  const userId = (gym: number, k: number) => (gym - 1) * usersPerGym + (k % usersPerGym) + 1;
  for (let gym = 1; gym <= gyms; gym++) {
    for (let k = 0; k < usersPerGym; k++) {
      const u = userId(gym, k);
      for (const id of [`gym_${gym}_user_${u}`, `user_${u}`])
        store.users.set(id, {
          id,
          role: 'user',
          teams: [`gym_${gym}`],
          custom: {},
          createdAt: worldStart,
          updatedAt: worldStart,
          seq: store.users.size + 1,
        });
    }
  }

  const rooms: Room[] = [];
  const events: { id: number; gymId: number }[] = [];
  for (let i = 0; i < n; i++) {
    const gym = (i % gyms) + 1;
    const other = (gym % gyms) + 1;
    const createdAt = worldStart + Math.floor(i / 3) * minute;
    const roomId = i + 1;
    const fault = i % 100;
    const a = userId(gym, i);
    const b = userId(gym, i + 7);
    const eventId = fault === 2 || fault === 7 ? 1_000_000 + i : null;
    const id = eventId === null ? `room_${gym}_${roomId}` : `event_${eventId}_bench`;
    const memberIds =
      fault === 4
        ? [`user_${a}`, `user_${b}`]
        : fault === 5
          ? [`gym_${gym}_user_${a}`]
          : [a, b].map((u) => `gym_${gym}_user_${u}`);
    const cid = `messaging:${id}`;
    store.channels.set(cid, {
      type: 'messaging',
      id,
      cid,
      team: `gym_${fault === 0 ? other : gym}`,
      createdById: `gym_${gym}_user_${a}`,
      custom: { gym_id: String(fault === 1 || fault === 0 ? other : gym) },
      frozen: false,
      disabled: false,
      createdAt,
      updatedAt: createdAt,
      distinct: false,
      members: new Map(
        memberIds.map((member) => [
          member,
          { userId: member, channelRole: 'channel_member', custom: {}, createdAt, updatedAt: createdAt },
        ]),
      ),
      messages: [],
      seq: i + 1,
    });
    const kind: AuditFindingKind =
      (
        [
          'wrong-team',
          'team-metadata-mismatch',
          'orphan-event-channel',
          'only-in-stream',
          'legacy-member-ids',
          'member-mismatch',
        ] as const
      )[fault] ?? 'synced';
    planted[kind]++;
    if (fault !== 2 && fault !== 3)
      rooms.push({
        id: roomId,
        gymId: gym,
        channelId: id,
        kind: eventId === null ? 'group' : 'event',
        eventId,
        createdAt,
        members: [a, b],
      });
    if (fault === 7) events.push({ id: eventId!, gymId: gym });
    if (fault === 6) {
      const lonely = n + i + 1;
      rooms.push({
        id: lonely,
        gymId: gym,
        channelId: `room_${gym}_${lonely}`,
        kind: 'group',
        eventId: null,
        createdAt: createdAt + minute / 2,
        members: [a],
      });
      planted['only-in-db']++;
    }
  }

  await db.query(`INSERT INTO gyms (id, name) SELECT g, 'Gym ' || g FROM generate_series(1, $1::int) g`, [gyms]);
  await db.query(`INSERT INTO users (id, name) SELECT u, 'User ' || u FROM generate_series(1, $1::int) u`, [
    gyms * usersPerGym,
  ]);
  await db.query(
    `INSERT INTO events (id, gym_id, title, starts_at)
     SELECT id, gym_id, 'Class', timestamptz '2024-06-01' FROM unnest($1::bigint[], $2::bigint[]) AS e(id, gym_id)`,
    [events.map((e) => e.id), events.map((e) => e.gymId)],
  );
  const batch = 20_000;
  for (let from = 0; from < rooms.length; from += batch) {
    const part = rooms.slice(from, from + batch);
    await db.query(
      `INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind, event_id, created_at)
       SELECT id, gym_id, channel_id, channel_id, kind, event_id, created_at
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[])
         AS r(id, gym_id, channel_id, kind, event_id, created_at)`,
      [
        part.map((r) => r.id),
        part.map((r) => r.gymId),
        part.map((r) => r.channelId),
        part.map((r) => r.kind),
        part.map((r) => r.eventId),
        part.map((r) => new Date(r.createdAt).toISOString()),
      ],
    );
    const pairs = part.flatMap((r) => [...new Set(r.members)].map((u) => [r.id, u] as const));
    await db.query(
      `INSERT INTO chat_room_members (room_id, user_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])`,
      [pairs.map(([room]) => room), pairs.map(([, user]) => user)],
    );
  }
  await db.query('ANALYZE');
  return { channels: n, rooms: rooms.length, planted };
}
