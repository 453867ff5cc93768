/**
 * Incident B's world exactly as the report describes it (incidents.md section B), on 2025-12-15:
 * - gym 4 has 8 channels in Stream (team gym_4) and 15 rooms in the database, 6 of them synced
 *   (75% of the channels): room 639 `room_General_10` (a legacy group id), the directs
 *   `direct_user_10_user_11` and `direct_user_8_user_17`, the event room of event 700, and two
 *   group rooms `room_4_643` (already multi-tenant) and `room_4_644` (half: a new id beside a
 *   legacy one); 9 rooms whose channel is gone; 2 channels with no room (an orphan event
 *   channel and a direct made by the new code path);
 * - the members still legacy are user_10, user_8, user_11 and user_17; the new code paths
 *   already made gym_4_user_20 and gym_4_user_21 (team gym_4), and gym_4_user_11 and
 *   gym_4_user_17 WITHOUT a team (the direct-chat path and the event worker forgot it);
 * - gym 1 shares user 8: its direct `direct_user_8_user_30` (team gym_1) and the legacy user
 *   records are another tenant's, and a gym-4 migration must leave them exactly as they are.
 * Every room's channel has a history; the world keeps which room each message belongs to, and
 * a store listener records any member who joined a gym-4 channel before existing in Stream
 * with team gym_4 (the report's phase ordering).
 */
import { StreamFake, streamHandlers, type ChannelRecord, type UserRecord } from 'syncsim/fakes/stream';
import type { WorldContext } from 'syncsim';
import type { MigrationPlan, MigrationRun } from '../../../src/chat/index.ts';
import { completeLegacyIdsWorld } from './complete-legacy-ids-world.ts';

export const STREAM_URL = 'https://chat.legacy-ids-gym-4.test';
export const STREAM_KEY = 'gym-app-key';
export const STREAM_SECRET = 'gym-app-secret';
export const GYM = 4;
export const OTHER_GYM = 1;

export interface RoomSpec {
  readonly roomId: number;
  readonly kind: 'group' | 'direct' | 'event';
  readonly channelId: string;
  readonly dbMembers: readonly number[];
  /** Members in Stream, as the ids the channel holds; undefined: the channel is gone. */
  readonly streamMembers?: readonly string[];
  readonly history?: number;
  readonly eventId?: number;
}

/** The six synced rooms of gym 4, then the nine whose channel was deleted from Stream. */
export const GYM4_ROOMS: readonly RoomSpec[] = [
  {
    roomId: 639,
    kind: 'group',
    channelId: 'room_General_10',
    dbMembers: [8, 10, 11, 17],
    streamMembers: ['user_10', 'user_8', 'user_11', 'user_17'],
    history: 12,
  },
  {
    roomId: 640,
    kind: 'direct',
    channelId: 'direct_user_10_user_11',
    dbMembers: [10, 11],
    streamMembers: ['user_10', 'user_11'],
    history: 5,
  },
  {
    roomId: 641,
    kind: 'direct',
    channelId: 'direct_user_8_user_17',
    dbMembers: [8, 17],
    streamMembers: ['user_8', 'user_17'],
    history: 4,
  },
  {
    roomId: 642,
    kind: 'event',
    channelId: 'event_700_d3d94468',
    dbMembers: [10, 20],
    streamMembers: ['user_10', 'gym_4_user_20'],
    history: 3,
    eventId: 700,
  },
  {
    roomId: 643,
    kind: 'group',
    channelId: 'room_4_643',
    dbMembers: [20, 21],
    streamMembers: ['gym_4_user_20', 'gym_4_user_21'],
    history: 2,
  },
  {
    roomId: 644,
    kind: 'group',
    channelId: 'room_4_644',
    dbMembers: [17, 21],
    streamMembers: ['user_17', 'gym_4_user_21'],
    history: 2,
  },
  ...Array.from({ length: 9 }, (_, i): RoomSpec => ({
    roomId: 645 + i,
    kind: 'group',
    channelId: `room_4_${645 + i}`,
    dbMembers: [20 + (i % 2)],
  })),
];
/** Channels of gym 4 in Stream with no room. */
export const GYM4_STREAM_ONLY = ['event_701_d3d94468', 'direct_gym_4_user_20_gym_4_user_21'] as const;
export const OTHER_ROOM: RoomSpec = {
  roomId: 500,
  kind: 'direct',
  channelId: 'direct_user_8_user_30',
  dbMembers: [8, 30],
  streamMembers: ['user_8', 'user_30'],
  history: 3,
};
export const LEGACY_MEMBERS = ['user_10', 'user_8', 'user_11', 'user_17'] as const;

export interface LegacyIdsWorld {
  readonly fake: StreamFake;
  /** Every message Stream acknowledged, and the room it was written in. */
  readonly acknowledged: Map<string, number>;
  /** Channel id of each gym-4 room that had a live channel at the start. */
  readonly syncedAtStart: ReadonlyMap<number, string>;
  /** The member ids of each of those rooms' channels at the start. */
  readonly membersAtStart: ReadonlyMap<number, readonly string[]>;
  /** Fingerprints of what the migration must not touch: other teams' channels, every user not gym_4_user_*. */
  readonly untouched: ReadonlyMap<string, string>;
  /** JSON of the other gyms' rows in Postgres at the start. */
  readonly otherGymRows: string;
  /** A member who joined a gym-4 channel before existing in Stream with team gym_4, as it happened. */
  readonly earlyMembers: string[];
  /** What the operator's dry-run printed, and what the real run that followed it did. */
  dryRun?: MigrationPlan;
  applied?: MigrationRun;
  /** The heal phase's runs, in order: the second must find nothing to do. */
  reruns: MigrationRun[];
}

const at = (iso: string) => Date.parse(iso);

export function channelFingerprint(channel: ChannelRecord): string {
  return JSON.stringify({
    team: channel.team ?? null,
    custom: channel.custom,
    deleted: channel.deletedAt ?? null,
    members: [...channel.members.keys()].sort(),
    messages: channel.messages.map((message) => message.id),
  });
}

export function userFingerprint(user: UserRecord): string {
  return JSON.stringify({ teams: user.teams, custom: user.custom, role: user.role, deleted: user.deletedAt ?? null });
}

/** The rows of one gym in Postgres, as JSON: what a migration of another gym must not change. */
export async function gymRows(db: WorldContext<unknown>['db'], gymId: number): Promise<string> {
  const rooms = await db.query('SELECT * FROM chat_rooms WHERE gym_id = $1 ORDER BY id', [gymId]);
  const members = await db.query(
    'SELECT m.* FROM chat_room_members m JOIN chat_rooms r ON r.id = m.room_id WHERE r.gym_id = $1 ORDER BY 1, 2',
    [gymId],
  );
  return JSON.stringify([rooms.rows, members.rows]);
}

/** The rows of every gym but `gymId`, as JSON: what a migration of `gymId` must not change. */
export async function otherGymsRows(db: WorldContext<unknown>['db'], gymId: number): Promise<string> {
  const others = await db.query<{ id: string }>('SELECT id FROM gyms WHERE id <> $1 ORDER BY id', [gymId]);
  const rows: string[] = [];
  for (const other of others.rows) rows.push(await gymRows(db, Number(other.id)));
  return JSON.stringify(rows);
}

export async function buildLegacyIdsGym4(
  ctx: Pick<WorldContext<unknown>, 'db' | 'clock' | 'http'>,
): Promise<LegacyIdsWorld> {
  const { db } = ctx;
  const fake = new StreamFake({ apiKey: STREAM_KEY, apiSecret: STREAM_SECRET, now: () => ctx.clock.now() });
  ctx.http.use(...streamHandlers(fake, STREAM_URL));
  const store = fake.store;

  await db.query(`INSERT INTO gyms (id, name) VALUES (1, 'Gym 1'), (4, 'Gym 4')`);
  await db.query(`INSERT INTO users (id, name) SELECT id, 'User ' || id FROM unnest($1::bigint[]) AS id`, [
    [8, 10, 11, 17, 20, 21, 30],
  ]);
  await db.query(
    `INSERT INTO gym_memberships (gym_id, user_id) VALUES (4, 8), (4, 10), (4, 11), (4, 17), (4, 20), (4, 21),
       (1, 8), (1, 30)`,
  );
  await db.query(`INSERT INTO events (id, gym_id, title, starts_at) VALUES (700, 4, 'Spin night', '2025-12-20')`);
  store.upsertUsers(
    [
      { id: 'admin', teams: ['gym_1', 'gym_4'] },
      { id: 'user_8', teams: ['gym_1', 'gym_4'] },
      { id: 'user_10', teams: ['gym_4'] },
      { id: 'user_11', teams: ['gym_4'] },
      { id: 'user_17', teams: ['gym_4'] },
      { id: 'user_30', teams: ['gym_1'] },
      { id: 'gym_4_user_20', teams: ['gym_4'] },
      { id: 'gym_4_user_21', teams: ['gym_4'] },
      { id: 'gym_4_user_11', teams: [] },
      { id: 'gym_4_user_17', teams: [] },
    ].map((user) => ({ ...user, custom: {} })),
  );

  const channel = (id: string, team: string, members: readonly string[], createdAt: number) => {
    const { channel: record } = store.getOrCreateChannel({
      type: 'messaging',
      id,
      distinct: false,
      data: {
        createdBy: 'admin',
        team,
        members: members.map((userId) => ({ userId, channelRole: 'channel_member', custom: {} })),
        custom: { gym_id: team.slice('gym_'.length) },
      },
    });
    record.createdAt = createdAt;
  };
  const room = async (gymId: number, spec: RoomSpec, i: number) => {
    await db.query(
      `INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind, event_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, '2025-09-01T10:00:00Z')`,
      [spec.roomId, gymId, spec.channelId, `Room ${spec.roomId}`, spec.kind, spec.eventId ?? null],
    );
    // joined_at given, not now(): the rows must be the same in every case for the crash sweep.
    await db.query(
      `INSERT INTO chat_room_members (room_id, user_id, joined_at)
       SELECT $1, unnest($2::bigint[]), '2025-09-01T10:00:00Z'`,
      [spec.roomId, spec.dbMembers],
    );
    if (!spec.streamMembers) return;
    channel(spec.channelId, `gym_${gymId}`, spec.streamMembers, at('2025-09-01T10:00:00Z') + i * 1000);
    for (let n = 0; n < (spec.history ?? 0); n++) {
      store.sendMessage('messaging', spec.channelId, {
        text: `${spec.channelId} #${n + 1}`,
        type: 'regular',
        userId: spec.streamMembers[n % spec.streamMembers.length]!,
        custom: {},
      });
    }
  };
  for (const [i, spec] of GYM4_ROOMS.entries()) await room(GYM, spec, i);
  await room(OTHER_GYM, OTHER_ROOM, 20);
  channel(GYM4_STREAM_ONLY[0], 'gym_4', ['gym_4_user_20'], at('2025-10-01T18:00:00Z'));
  channel(GYM4_STREAM_ONLY[1], 'gym_4', ['gym_4_user_20', 'gym_4_user_21'], at('2025-11-01T18:00:00Z'));

  return completeLegacyIdsWorld(db, fake);
}
