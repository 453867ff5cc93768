// `syncsim snapshot stream` as an operator runs it, against incident B's world (the report's gym
// 4 and gym 1) served over real HTTP by the Stream fake, on a test database: read-only on both
// sides, message texts left out unless --keep-text, no secret in the file; then the snapshot
// round-trips: `syncsim validate-migration stream-ids --snapshot FILE` passes every criterion.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveStream, type StreamServer } from 'syncsim/fakes/stream';
import { useTestDatabase } from 'syncsim/vitest';
import { OPERATOR_EXIT } from '../../src/ops/operator-command.ts';
import { parseStreamSnapshot, snapshotStreamCli, type SnapshotIo, type StreamSnapshot } from '../../src/chat/index.ts';
import { buildLegacyIdsGym4 } from '../incidents/legacy-ids-gym-4/legacy-ids-gym-4-world.ts';

let server: StreamServer;
let pool: pg.Pool;
let databaseUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'syncsim-snapshot-'));

async function cli(args: string[], env: Partial<SnapshotIo['env']> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await snapshotStreamCli(['snapshot', ...args], {
    env: {
      STREAM_API_KEY: server.apiKey,
      STREAM_API_SECRET: server.apiSecret,
      STREAM_BASE_URL: server.url,
      DATABASE_URL: databaseUrl,
      ...env,
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    clock: { now: () => 0, sleep: () => Promise.resolve() },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// Everything the capture could have changed: the fake's whole store and every chat table.
const streamState = () => JSON.stringify(server.fake.store.snapshot());
const dbState = async () =>
  JSON.stringify(
    await Promise.all(
      ['gyms', 'users', 'gym_memberships', 'events', 'chat_rooms', 'chat_room_members', 'chat_room_unread'].map(
        async (table) =>
          (await pool.query<{ row: unknown }>(`SELECT to_json(t) AS row FROM ${table} t ORDER BY to_json(t)::text`))
            .rows,
      ),
    ),
  );

const read = (file: string): StreamSnapshot => {
  const parsed = parseStreamSnapshot(JSON.parse(readFileSync(file, 'utf8')));
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.snapshot;
};
const messagesOf = (snapshot: StreamSnapshot) => snapshot.stream.channels.flatMap((channel) => channel.messages);

beforeAll(async () => {
  const database = await useTestDatabase();
  databaseUrl = database.url;
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const start = Date.parse('2025-12-15T09:00:00.000Z');
  const world = await buildLegacyIdsGym4({
    db: pool,
    clock: { now: () => start, sleep: () => Promise.resolve() },
    http: { use: () => undefined },
  });
  server = await serveStream({ fake: world.fake });
});

afterAll(async () => {
  await server?.stop();
  await pool?.end();
  rmSync(dir, { recursive: true, force: true });
});

describe('syncsim snapshot stream', () => {
  it('bad input: one line, exit 3, no file, no secret in the line', async () => {
    const file = join(dir, 'bad.json');
    const cases: [string[], Partial<SnapshotIo['env']>, RegExp][] = [
      [['stream'], {}, /--out FILE is required/],
      [['stream', '--out', file, '--gym-id', 'four'], {}, /--gym-id takes a gym id, not 'four'/],
      [['stream', '--out', file, '--text'], {}, /unknown flag '--text'/],
      [
        ['stream', '--out', join(dir, 'nowhere', 'x.json')],
        {},
        /--out '.*' its folder does not exist|--out .*: its folder does not exist/,
      ],
      [['users', '--out', file], {}, /snapshot what\? only 'stream' is known, got 'users'/],
      [['stream', '--out', file, '--gym-id', '9'], {}, /gym 9 does not exist/],
      [['stream', '--out', file], { STREAM_API_SECRET: 'wrong' }, /Stream refused STREAM_API_KEY/],
      [['stream', '--out', file], { DATABASE_URL: 'mysql://x/y' }, /DATABASE_URL must start with postgres/],
    ];
    const [stream, db] = [streamState(), await dbState()];
    for (const [args, env, problem] of cases) {
      const result = await cli(args, env);
      expect(result, args.join(' ')).toEqual({
        code: OPERATOR_EXIT.error,
        out: '',
        err: expect.stringMatching(new RegExp(`^snapshot stream: ${problem.source}[^\\n]*$`)) as unknown,
      });
      expect(result.err).not.toContain(server.apiSecret);
      expect(existsSync(file)).toBe(false);
    }
    expect(streamState()).toBe(stream);
    expect(await dbState()).toBe(db);
  });

  it('the whole app: every table and channel, texts as their length, no secret; nothing changed', async () => {
    const [stream, db] = [streamState(), await dbState()];
    const file = join(dir, 'all.json');
    const run = await cli(['stream', '--out', file]);
    expect(run).toEqual({
      code: 0,
      err: '',
      out: `all gyms: 59 row(s), 10 user(s), 9 channel(s), 31 message(s) -> ${file} (message texts replaced by their length)`,
    });
    expect(streamState()).toBe(stream);
    expect(await dbState()).toBe(db);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(server.apiSecret);
    expect(text).not.toContain('room_General_10 #1'); // a message text
    expect(text).not.toContain('User 10'); // users.name
    const snapshot = read(file);
    expect(snapshot.scope).toEqual({ gym_id: null });
    expect(snapshot.tables.chat_rooms).toHaveLength(16);
    const general = snapshot.stream.channels.find((channel) => channel.id === 'room_General_10')!;
    expect(general.members.map((m) => m.user_id).sort()).toEqual(['user_10', 'user_11', 'user_17', 'user_8']);
    expect(general.messages[0]).toEqual({
      id: expect.any(String) as unknown,
      user_id: 'user_10',
      type: 'regular',
      created_at: expect.any(String) as unknown,
      text_length: 'room_General_10 #1'.length,
    });
    expect(messagesOf(snapshot).every((m) => m.text === undefined)).toBe(true);
    expect(snapshot.stream.users.every((u) => u.custom === undefined)).toBe(true);
  });

  it('one gym with --keep-text: its rows and team channels, its people under both ids, the texts', async () => {
    const [stream, db] = [streamState(), await dbState()];
    const file = join(dir, 'gym4.json');
    const run = await cli(['stream', '--gym-id', '4', '--out', file, '--keep-text']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('(message texts kept)');
    expect(streamState()).toBe(stream);
    expect(await dbState()).toBe(db);
    const snapshot = read(file);
    expect(snapshot.scope).toEqual({ gym_id: 4 });
    expect(snapshot.tables.gyms.map((g) => g.id)).toEqual([4]);
    expect(snapshot.tables.chat_rooms).toHaveLength(15);
    expect(new Set(snapshot.stream.channels.map((c) => c.team))).toEqual(new Set(['gym_4']));
    expect(snapshot.stream.channels).toHaveLength(8);
    const users = snapshot.stream.users.map((u) => u.id);
    expect(users).toContain('user_8');
    expect(users).toContain('gym_4_user_11'); // exists without a team: no channel has it
    expect(users).not.toContain('user_30'); // gym 1's
    expect(messagesOf(snapshot).map((m) => m.text)).toContain('room_General_10 #1');
    expect(readFileSync(file, 'utf8')).not.toContain(server.apiSecret);
  });

  // The command line, as an operator runs it (a child process: it starts its own case engine).
  async function validate(module: string, file: string) {
    const bin = join(import.meta.dirname, '../../bin/syncsim.js');
    const child = spawn(process.execPath, [bin, 'validate-migration', module, '--snapshot', file, '--seed', '1'], {
      cwd: join(import.meta.dirname, '../..'),
      // Not this vitest's variables: the child is the command, not a test worker.
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))),
        DATABASE_URL: inject('syncsimPostgres').adminUrl,
        SYNCSIM_POSTGRES: 'url',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    const verdict = (title: string) =>
      new RegExp(`^\\d\\. (\\S+(?: RUN)?) +${title.replace(/[()]/g, '\\$&')}$`, 'm').exec(out)?.[1];
    return { code, out, err, verdict };
  }

  it('round trip: validate-migration stream-ids --snapshot of the whole app passes every criterion', async () => {
    const file = join(dir, 'all.json');
    if (!existsSync(file)) await cli(['stream', '--out', file]);
    const run = await validate('stream-ids', file);
    expect(run.out, run.err).toContain(`stream-ids on legacy-ids-gym-4 from snapshot ${file} (scope gym=4, seed 1)`);
    for (const title of [
      'dry-run = apply',
      'crash anywhere, then resume',
      'second run is a no-op',
      'scope: outside it unchanged',
      'threshold: stops past it, a later run finishes',
      'domain invariants after the run',
    ])
      expect(run.verdict(title), `${title}\n${run.out}`).toBe('PASS');
    // The snapshot is the report's world again: the same sweep as --world legacy-ids-gym-4.
    expect(run.out).toContain('18 steps -> 19 crash points + 7 lost responses + 1 uncrashed = 27 runs');
    expect(run.code).toBe(0);
  }, 300_000);

  it("the team's script on the same snapshot loses each room's history: the invariants judge the snapshot", async () => {
    const file = join(dir, 'all.json');
    if (!existsSync(file)) await cli(['stream', '--out', file]);
    const run = await validate('scenarios/incidents/legacy-ids-gym-4/team-script-migration.ts', file);
    expect(run.verdict('domain invariants after the run'), run.out + run.err).toBe('FAIL');
    expect(run.out).toContain(
      'no-message-loss: room 639: 12 acknowledged message(s) are not in its channel room_4_639',
    );
    expect(run.out).toContain(`--snapshot ${file} --scope gym=4 --seed 1`);
    expect(run.code).toBe(1);
  }, 300_000);
});
