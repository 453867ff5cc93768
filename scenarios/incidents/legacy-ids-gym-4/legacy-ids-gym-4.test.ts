/**
 * Incident B with the report's numbers, exactly, on the report's world (built by the scenario's
 * own world function on a real database, the Stream fake on msw):
 * - gym 4: 8 channels in Stream, 15 rooms in the database, 6 synced (75% of the channels); the
 *   members still legacy are user_10, user_8, user_11 and user_17;
 * - src/chat's dry-run plans 1 upsert of 4 users and 5 rooms, and leaves the 9 rooms whose
 *   channel is gone; the real run does exactly that, every channel keeps its id and its
 *   messages, gym 1 is untouched; a second run plans nothing;
 * - the team's script makes the report's ids (direct_gym_4_user_10_gym_4_user_11, room_4_639)
 *   and leaves each room's history behind.
 * The variants (before breaks, planted bugs caught) are in legacy-ids-gym-4-variants.test.ts (the
 * case engine has an msw server of its own, and two in one file would both read each request).
 */
import { setupServer } from 'msw/node';
import pg from 'pg';
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClock } from 'syncsim';
import { useTestDatabase } from 'syncsim/vitest';
import {
  auditStream,
  describeLeftRoom,
  describeMigrationAction,
  migrateTenantIds,
  parseStreamUserId,
} from '../../../src/chat/index.ts';
import { fromPgPool } from '../../../src/db/index.ts';
import {
  buildLegacyIdsGym4,
  channelFingerprint,
  GYM,
  GYM4_ROOMS,
  OTHER_ROOM,
  STREAM_KEY,
  STREAM_SECRET,
  STREAM_URL,
  type LegacyIdsWorld,
} from './legacy-ids-gym-4-world.ts';
import { teamMigrationScript } from './team-migration-script.ts';

const msw = setupServer();
let pool: pg.Pool;
let world: LegacyIdsWorld;
let stream: StreamChat;
const clock = new SimClock(Date.parse('2025-12-15T09:00:00Z'));

async function build() {
  await pool.query('TRUNCATE gyms, users, events, chat_rooms, chat_room_members, gym_memberships CASCADE');
  msw.resetHandlers();
  world = await buildLegacyIdsGym4({ db: pool, clock, http: { use: (...handlers) => msw.use(...handlers) } });
}

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'error' });
  const database = await useTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
  stream = new StreamChat(STREAM_KEY, STREAM_SECRET, { baseURL: STREAM_URL, disableCache: true });
});

afterAll(async () => {
  msw.close();
  await pool?.end();
});

const live = (id: string) => {
  const channel = world.fake.store.channels.get(`messaging:${id}`);
  return channel && channel.deletedAt === undefined ? channel : undefined;
};

describe('legacy-ids-gym-4', () => {
  it("the report's state: 8 channels, 15 rooms, 6 synced, members user_10, user_8, user_11, user_17 legacy", async () => {
    await build();
    const channels = [...world.fake.store.channels.values()].filter((c) => c.team === 'gym_4' && !c.deletedAt);
    expect(channels).toHaveLength(8);
    const { rows } = await pool.query<{ stream_channel_id: string }>(
      'SELECT stream_channel_id FROM chat_rooms WHERE gym_id = 4',
    );
    expect(rows).toHaveLength(15);
    const synced = rows.filter((row) => live(row.stream_channel_id));
    expect(synced).toHaveLength(6);
    expect(`${Math.round((synced.length / channels.length) * 100)}%`).toBe('75%');
    const legacy = new Set(
      channels.flatMap((c) => [...c.members.keys()]).filter((id) => parseStreamUserId(id)?.kind === 'legacy'),
    );
    expect([...legacy].sort()).toEqual(['user_10', 'user_11', 'user_17', 'user_8']);
    const report = await auditStream({ db: fromPgPool(pool), stream, clock }, { gymIds: [GYM] });
    const kinds = report.findings.map((f) => f.kind).sort();
    expect(kinds.filter((k) => k === 'legacy-member-ids')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'only-in-db')).toHaveLength(9);
  });

  it('src/chat: the dry-run prints 1 upsert of 4 users and 5 rooms; the run does exactly that, history kept; twice is once', async () => {
    await build();
    const deps = { db: fromPgPool(pool), stream };
    const dry = await migrateTenantIds(deps, { gymId: GYM, apply: false });
    expect(dry.plan.actions.map(describeMigrationAction)).toEqual([
      'upsert 4 user(s) in team gym_4: gym_4_user_8, gym_4_user_10, gym_4_user_11, gym_4_user_17',
      'migrate members of messaging:room_General_10 (room 639): add gym_4_user_10, gym_4_user_11, gym_4_user_17, gym_4_user_8; remove user_10, user_11, user_17, user_8 (same channel, history kept)',
      'migrate members of messaging:direct_user_10_user_11 (room 640): add gym_4_user_10, gym_4_user_11; remove user_10, user_11 (same channel, history kept)',
      'migrate members of messaging:direct_user_8_user_17 (room 641): add gym_4_user_17, gym_4_user_8; remove user_17, user_8 (same channel, history kept)',
      'migrate members of messaging:event_700_d3d94468 (room 642): add gym_4_user_10; remove user_10 (same channel, history kept)',
      'migrate members of messaging:room_4_644 (room 644): add gym_4_user_17; remove user_17 (same channel, history kept)',
    ]);
    expect(dry.plan.left.map(describeLeftRoom)).toHaveLength(9);
    const gym1 = channelFingerprint(live(OTHER_ROOM.channelId)!);
    const before = new Map(
      GYM4_ROOMS.filter((r) => r.streamMembers).map((r) => [r.channelId, live(r.channelId)!.messages.map((m) => m.id)]),
    );

    const run = await migrateTenantIds(deps, { gymId: GYM, apply: true });
    expect(run.plan).toEqual(dry.plan);
    expect(run.report?.outcomes.map((o) => o.result)).toEqual(Array(6).fill('applied'));
    expect(run.report?.stopped).toBeUndefined();
    for (const [channelId, messages] of before) {
      const channel = live(channelId)!;
      expect(channel.messages.map((m) => m.id)).toEqual(messages);
      expect([...channel.members.keys()].filter((id) => !id.startsWith('gym_4_user_'))).toEqual([]);
    }
    expect(live('room_General_10')!.messages).toHaveLength(12);
    for (const id of ['gym_4_user_8', 'gym_4_user_10', 'gym_4_user_11', 'gym_4_user_17'])
      expect(world.fake.store.users.get(id)?.teams).toEqual(['gym_4']);
    expect(world.fake.store.users.get('user_8')?.teams).toEqual(['gym_1', 'gym_4']);
    expect(channelFingerprint(live(OTHER_ROOM.channelId)!)).toBe(gym1);
    expect([...world.fake.store.channels.values()].filter((c) => c.team === 'gym_4' && !c.deletedAt)).toHaveLength(8);
    expect(world.earlyMembers).toEqual([]);
    const report = await auditStream({ db: fromPgPool(pool), stream, clock }, { gymIds: [GYM] });
    expect(report.findings.filter((f) => f.kind === 'legacy-member-ids')).toEqual([]);

    const again = await migrateTenantIds(deps, { gymId: GYM, apply: true });
    expect(again.plan.actions).toEqual([]);
    expect(again.report?.outcomes).toEqual([]);
  });

  it("the team's script: the report's new ids, and each room's history left behind in its old channel", async () => {
    await build();
    await teamMigrationScript({ db: fromPgPool(pool), stream }, GYM);
    const { rows } = await pool.query<{ id: string; stream_channel_id: string }>(
      'SELECT id, stream_channel_id FROM chat_rooms WHERE id IN (639, 640) ORDER BY id',
    );
    expect(rows.map((r) => r.stream_channel_id)).toEqual(['room_4_639', 'direct_gym_4_user_10_gym_4_user_11']);
    expect(live('room_4_639')!.messages).toHaveLength(0);
    expect(live('room_General_10')!.messages).toHaveLength(12);
    const channels = [...world.fake.store.channels.values()].filter((c) => c.team === 'gym_4' && !c.deletedAt);
    // 8 before, plus a new channel for each of the 13 rooms whose id changed (room_4_643 and
    // room_4_644 keep theirs, and get-or-create returns them as they were).
    expect(channels).toHaveLength(21);
  });
});
