// `syncsim migrate stream-ids` as an operator runs it, end to end: the Stream fake over real
// HTTP, the embedded Postgres. Incident B in small: gym 4 with a legacy direct chat (with
// messages) and a user whose new id exists without its team; gym 1 sharing a legacy user; gym 6
// whose only room sits on a distinct channel Stream will not add members to (the run stops).
import pg from 'pg';
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from 'syncsim';
import { serveStream, type StreamServer } from 'syncsim/fakes/stream';
import { useTestDatabase } from 'syncsim/vitest';
import { MIGRATE_EXIT, migrateStreamIdsCli, type MigrateIo } from '../../src/chat/index.ts';

let server: StreamServer;
let pool: pg.Pool;
let databaseUrl: string;
let distinctId: string;

async function cli(args: string[], env: Partial<MigrateIo['env']> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await migrateStreamIdsCli(['migrate', ...args], {
    env: {
      STREAM_API_KEY: server.apiKey,
      STREAM_API_SECRET: server.apiSecret,
      STREAM_BASE_URL: server.url,
      DATABASE_URL: databaseUrl,
      ...env,
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const streamState = () => JSON.stringify(server.fake.store.snapshot());
const members = (id: string) => [...(server.fake.store.channels.get(`messaging:${id}`)?.members.keys() ?? [])].sort();

beforeAll(async () => {
  const database = await useTestDatabase();
  databaseUrl = database.url;
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  await pool.query(`INSERT INTO gyms (id, name) VALUES (1, 'One'), (4, 'Four'), (6, 'Six')`);
  await pool.query(`INSERT INTO users (id, name) VALUES (8, 'Ana'), (10, 'Ben'), (11, 'Cy'), (30, 'Di')`);
  server = await serveStream({});
  const client = new StreamChat(server.apiKey, server.apiSecret, { baseURL: server.url, disableCache: true });
  await client.upsertUsers([
    { id: 'admin' },
    { id: 'user_8', teams: ['gym_1', 'gym_4'] },
    { id: 'user_10', teams: ['gym_4'] },
    { id: 'user_11', teams: ['gym_4'] },
    { id: 'user_30', teams: ['gym_1', 'gym_6'] },
    { id: 'gym_4_user_11' },
  ]);
  const make = (id: string, team: string, ids: string[]) =>
    client
      .channel('messaging', id, { team, gym_id: team.slice(4), members: ids, created_by_id: 'admin' } as Record<
        string,
        unknown
      >)
      .create();
  await make('direct_user_10_user_11', 'gym_4', ['user_10', 'user_11']);
  await make('direct_user_8_user_30', 'gym_1', ['user_8', 'user_30']);
  for (let i = 0; i < 3; i++)
    await client.channel('messaging', 'direct_user_10_user_11').sendMessage({ text: `hi ${i}`, user_id: 'user_10' });
  // A distinct channel (id from its members): Stream refuses to add members to it.
  const distinct = client.channel('messaging', {
    members: ['user_30', 'admin'],
    team: 'gym_6',
    created_by_id: 'admin',
  } as Record<string, unknown>);
  await distinct.create();
  distinctId = distinct.id!;
  const rooms: [number, number, string, number[]][] = [
    [640, 4, 'direct_user_10_user_11', [10, 11]],
    [500, 1, 'direct_user_8_user_30', [8, 30]],
    [600, 6, distinctId, [30]],
  ];
  for (const [id, gymId, channelId, users] of rooms) {
    await pool.query(
      `INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind) VALUES ($1, $2, $3, $3, 'direct')`,
      [id, gymId, channelId],
    );
    for (const user of users) await pool.query('INSERT INTO chat_room_members VALUES ($1, $2)', [id, user]);
  }
});

afterAll(async () => {
  await server?.stop();
  await pool?.end();
});

describe('syncsim migrate stream-ids', () => {
  it('bad input: one line, exit 3, nothing written, no secret in the line', async () => {
    expect(MIGRATE_EXIT.error).toBe(EXIT.error);
    const before = streamState();
    const cases: [string[], Partial<MigrateIo['env']>, RegExp][] = [
      [['stream-ids'], {}, /--gym-id is required \(one gym per run\)/],
      [['stream-ids', '--gym-id', 'four'], {}, /--gym-id takes a gym id, not 'four'/],
      [['stream-ids', '--gym-id', '4', '--force'], {}, /unknown flag '--force'/],
      [['stream-ids', '--gym-id', '4', '--apply=yes'], {}, /--apply takes no value/],
      [['users'], {}, /migrate what\? only 'stream-ids' is known, got 'users'/],
      [['stream-ids', '--gym-id', '9', '--apply'], {}, /gym 9 does not exist/],
      [['stream-ids', '--gym-id', '4', '--apply'], { STREAM_API_SECRET: 'wrong' }, /Stream refused STREAM_API_KEY/],
      [
        ['stream-ids', '--gym-id', '4', '--apply'],
        { DATABASE_URL: 'mysql://x/y' },
        /DATABASE_URL must start with postgres/,
      ],
    ];
    for (const [args, env, problem] of cases) {
      const result = await cli(args, env);
      expect(result, args.join(' ')).toEqual({
        code: 3,
        out: '',
        err: expect.stringMatching(new RegExp(`^migrate stream-ids: ${problem.source}[^\\n]*$`)) as unknown,
      });
      expect(result.err).not.toContain(server.apiSecret);
    }
    expect(streamState()).toBe(before);
  });

  it('dry-run prints the plan and changes nothing; --apply does exactly it; a second run does nothing', async () => {
    const before = streamState();
    const dry = await cli(['stream-ids', '--gym-id', '4']);
    expect(dry).toEqual({
      code: 0,
      err: '',
      out: [
        'plan for gym 4 (2 action(s)):',
        '  upsert 2 user(s) in team gym_4: gym_4_user_10, gym_4_user_11',
        '  migrate members of messaging:direct_user_10_user_11 (room 640): add gym_4_user_10, gym_4_user_11; remove user_10, user_11 (same channel, history kept)',
        'nothing was changed; run again with --apply',
      ].join('\n'),
    });
    expect(streamState()).toBe(before);

    const gym1 = JSON.stringify(members('direct_user_8_user_30'));
    const run = await cli(['stream-ids', '--gym-id', '4', '--apply']);
    expect(run).toEqual({
      code: 0,
      err: '',
      out: [
        ...dry.out
          .split('\n')
          .slice(1, 3)
          .map((line) => line.replace(/^ {2}/, '  applied: ')),
        'gym 4: 2 applied, 0 already done, 0 failed, 0 not run',
      ].join('\n'),
    });
    expect(members('direct_user_10_user_11')).toEqual(['gym_4_user_10', 'gym_4_user_11']);
    expect(server.fake.store.channels.get('messaging:direct_user_10_user_11')?.messages).toHaveLength(3);
    expect(server.fake.store.users.get('gym_4_user_11')?.teams).toEqual(['gym_4']);
    expect(JSON.stringify(members('direct_user_8_user_30'))).toBe(gym1);
    expect(server.fake.store.users.get('user_8')?.teams).toEqual(['gym_1', 'gym_4']);

    const after = streamState();
    expect(await cli(['stream-ids', '--gym-id', '4', '--apply'])).toEqual({
      code: 0,
      err: '',
      out: 'gym 4: 0 applied, 0 already done, 0 failed, 0 not run',
    });
    expect(await cli(['stream-ids', '--gym-id', '4'])).toMatchObject({ code: 0, out: 'gym 4: nothing to migrate' });
    expect(streamState()).toBe(after);
  });

  it('a room Stream refuses stops the run past 20% failed rooms: exit 1, said why, users done', async () => {
    const result = await cli(['stream-ids', '--gym-id', '6', '--apply']);
    expect(result.code).toBe(MIGRATE_EXIT.failed);
    expect(result.err).toBe('');
    expect(result.out).toContain(`failed: migrate members of messaging:${distinctId} (room 600)`);
    expect(result.out).toContain(
      'stopped: 1 of 1 room(s) failed, more than 20%: stopped (run again once the cause is fixed)',
    );
    expect(server.fake.store.users.get('gym_6_user_30')?.teams).toEqual(['gym_6']);
    expect(members(distinctId)).toEqual(['admin', 'user_30']);
  });
});
