// The audit end to end on real parts: the real stream-chat SDK against the Stream fake served
// over HTTP, and a real Postgres database with the gym schema. One channel of each finding kind,
// plus enough synced channels to need three pages; the findings must be exactly these.
import pg from 'pg';
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStream, type StreamServer } from 'syncsim/fakes/stream';
import { useTestDatabase } from 'syncsim/vitest';
import { auditStream } from '../../src/chat/audit-stream.ts';
import { fromPgPool, type Db } from '../../src/db/index.ts';

let server: StreamServer;
let url: string;
let pool: pg.Pool;
let client: StreamChat;
const clock = { now: () => Date.UTC(2026, 0, 1), sleep: () => Promise.resolve() };

interface ChannelSpec {
  id: string;
  team: string;
  gymId: string;
  members: string[];
}

const channels: ChannelSpec[] = [
  { id: 'room_General_4', team: 'gym_1', gymId: '5', members: ['user_4', 'user_8'] },
  { id: 'room_4_1', team: 'gym_4', gymId: '4', members: ['gym_4_user_10', 'gym_4_user_11'] },
  { id: 'room_4_2', team: 'gym_4', gymId: '4', members: ['user_10'] },
  { id: 'room_4_3', team: 'gym_4', gymId: '1', members: [] },
  { id: 'room_4_4', team: 'gym_4', gymId: '4', members: ['gym_4_user_10'] },
  { id: 'event_644_d3d94468', team: 'gym_4', gymId: '4', members: [] },
  { id: 'event_700_aa11', team: 'gym_4', gymId: '4', members: [] },
  ...Array.from({ length: 61 }, (_, i) => ({ id: `room_5_${100 + i}`, team: 'gym_5', gymId: '5', members: [] })),
];

// [gym, channel id, members, event]
const rooms: [number, string, number[], number | null][] = [
  [5, 'room_General_4', [4, 8], null],
  [4, 'room_4_1', [10, 11], null],
  [4, 'room_4_2', [10], null],
  [4, 'room_4_3', [], null],
  [4, 'room_4_4', [10, 11], null],
  [4, 'room_4_9', [], null],
  ...Array.from({ length: 61 }, (_, i): [number, string, number[], null] => [5, `room_5_${100 + i}`, [], null]),
];

beforeAll(async () => {
  const database = await useTestDatabase();
  url = database.url;
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  await pool.query(`INSERT INTO gyms (id, name) VALUES (1, 'One'), (4, 'Four'), (5, 'Five')`);
  await pool.query(`INSERT INTO users (id, name) VALUES (4, 'u4'), (8, 'u8'), (10, 'u10'), (11, 'u11')`);
  await pool.query(`INSERT INTO events (id, gym_id, title, starts_at) VALUES (700, 4, 'Spin', '2026-01-02')`);
  for (const [gymId, channelId, members, eventId] of rooms) {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO chat_rooms (gym_id, stream_channel_id, name, kind, event_id) VALUES ($1, $2, $2, $3, $4) RETURNING id`,
      [gymId, channelId, eventId === null ? 'group' : 'event', eventId],
    );
    for (const userId of members) {
      await pool.query('INSERT INTO chat_room_members (room_id, user_id) VALUES ($1, $2)', [rows[0]!.id, userId]);
    }
  }

  server = await serveStream({});
  client = new StreamChat(server.apiKey, server.apiSecret, { baseURL: server.url, disableCache: true });
  const userIds = [...new Set(channels.flatMap((channel) => channel.members)), 'admin'];
  await client.upsertUsers(userIds.map((id) => ({ id })));
  for (const spec of channels) {
    await client
      .channel('messaging', spec.id, {
        team: spec.team,
        gym_id: spec.gymId,
        members: spec.members,
        created_by_id: 'admin',
      } as Record<string, unknown>)
      .create();
  }
});

afterAll(async () => {
  await server?.stop();
  await pool?.end();
});

describe('auditStream', () => {
  it('reports each fault once, as what it is, matched across all gyms; pages of 30', async () => {
    const report = await auditStream({ db: fromPgPool(pool), stream: client, clock });
    expect(report.channelsListed).toBe(68);
    expect(report.pages).toBe(3);
    expect(report.findings.map((finding) => [finding.kind, finding.channelId, finding.gymId])).toEqual(
      [
        ['team-metadata-mismatch', 'room_4_3', 4],
        ['legacy-member-ids', 'room_4_2', 4],
        ['member-mismatch', 'room_4_4', 4],
        ['orphan-event-channel', 'event_644_d3d94468', 4],
        ['only-in-stream', 'event_700_aa11', 4],
        ['only-in-db', 'room_4_9', 4],
        ['wrong-team', 'room_General_4', 5],
      ].sort((a, b) => Number(a[2]) - Number(b[2]) || String(a[1]).localeCompare(String(b[1]))),
    );
    const gym5 = report.gyms.find((gym) => gym.gymId === 5)!;
    expect(gym5.rooms).toBe(62);
    expect(gym5.counts.synced).toBe(61);
    expect(gym5.counts['wrong-team']).toBe(1);
    // Gym 1 has no room and no finding: the wrong team is gym 5's problem, reported once.
    expect(report.gyms.find((gym) => gym.gymId === 1)).toBeUndefined();
    const gym4 = report.gyms.find((gym) => gym.gymId === 4)!;
    expect(gym4.counts.synced).toBe(1);
  });

  it('with concurrent keyset streams (split at room creation quantiles), reports the same', async () => {
    const one = await auditStream({ db: fromPgPool(pool), stream: client, clock });
    const split = await auditStream({ db: fromPgPool(pool), stream: client, clock }, { streams: 4 });
    expect(split.streams).toBeGreaterThan(1);
    expect(split.channelsListed).toBe(68);
    expect(split.findings).toEqual(one.findings);
    expect(split.gyms).toEqual(one.gyms);
  });

  it('scoped to one gym, still matches across gyms and reports only that gym', async () => {
    const report = await auditStream({ db: fromPgPool(pool), stream: client, clock }, { gymIds: [5] });
    expect(report.gyms.map((gym) => gym.gymId)).toEqual([5]);
    expect(report.findings.map((finding) => finding.kind)).toEqual(['wrong-team']);
  });

  it('changes nothing in Postgres and leaves no temporary table behind', async () => {
    const before = await pool.query('SELECT count(*) FROM chat_rooms');
    await auditStream({ db: fromPgPool(pool), stream: client, clock });
    expect((await pool.query('SELECT count(*) FROM chat_rooms')).rows).toEqual(before.rows);
    const leftovers = await pool.query(`SELECT relname FROM pg_class WHERE relname = 'syncsim_audit_channels'`);
    expect(leftovers.rowCount).toBe(0);
  });

  // properties-chat: an audit's DROP failed after its COMMIT, the connection went back to the
  // pool with the table and its rows, and the next audit on it kept those stale rows over its own.
  it('ignores a table an earlier audit left on a pooled connection, and never pools one it could not drop', async () => {
    const one = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await one.query(`CREATE TEMPORARY TABLE syncsim_audit_channels (
         channel_id text PRIMARY KEY, cid text NOT NULL, team text, channel_gym_id text, team_gym_id bigint, event_id bigint,
         has_legacy_members boolean NOT NULL, member_users text NOT NULL)`);
      await one.query(
        `INSERT INTO syncsim_audit_channels VALUES ('room_4_9', 'messaging:room_4_9', 'gym_4', '4', 4, NULL, false, '')`,
      );
      const report = await auditStream({ db: fromPgPool(one), stream: client, clock });
      expect(report.findings.filter((finding) => finding.channelId === 'room_4_9').map((f) => f.kind)).toEqual([
        'only-in-db',
      ]);

      const released: unknown[] = [];
      const base = fromPgPool(one);
      const failingDrop: Db = {
        ...base,
        async connect() {
          const inner = await base.connect();
          return {
            query: (text, params) =>
              text.startsWith('DROP TABLE') ? Promise.reject(new Error('lost')) : inner.query(text, params),
            release: (destroy) => {
              released.push(destroy);
              inner.release(destroy);
            },
          };
        },
      };
      await auditStream({ db: failingDrop, stream: client, clock });
      expect(released).toEqual([true]);
    } finally {
      await one.end();
    }
  });
});
