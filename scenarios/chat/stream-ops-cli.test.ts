// `syncsim audit stream` and `syncsim repair stream` as an operator runs them, end to end: the
// Stream fake served over real HTTP (behind a logging proxy, to see every request the commands
// send), the embedded Postgres, a real export directory. Incident A's shape in small: a group
// room whose channel sits in the wrong team (with messages), an orphan event channel with more
// messages than one export page, a synced room and a room whose channel is gone.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from 'syncsim';
import { serveStream, type StreamServer } from 'syncsim/fakes/stream';
import { useTestDatabase } from 'syncsim/vitest';
import { STREAM_OPS_EXIT, streamOpsCli, type StreamOpsEnv } from '../../src/chat/stream-ops-cli.ts';

let server: StreamServer;
let proxy: Server;
let proxyUrl: string;
const requests: string[] = [];
/** What the proxy answers instead of Stream for the request it is asked about (a firewall, a portal). */
let interpose: ((nth: number) => { status: number; body: string } | undefined) | undefined;
let pool: pg.Pool;
let databaseUrl: string;
let exportDir: string;
const clock = { now: () => Date.UTC(2026, 0, 1), sleep: () => Promise.resolve() };
const EVENT_MESSAGES = 130;

async function cli(args: string[], env: Partial<StreamOpsEnv> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await streamOpsCli(args, {
    env: {
      STREAM_API_KEY: server.apiKey,
      STREAM_API_SECRET: server.apiSecret,
      STREAM_BASE_URL: proxyUrl,
      DATABASE_URL: databaseUrl,
      ...env,
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    clock,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const channel = (id: string) => server.fake.store.channels.get(`messaging:${id}`);
const streamState = () => JSON.stringify(server.fake.store.snapshot());
const dbState = async () =>
  JSON.stringify(
    (await pool.query('SELECT id, gym_id, stream_channel_id FROM chat_rooms ORDER BY id')).rows.concat(
      (await pool.query('SELECT room_id, user_id FROM chat_room_members ORDER BY 1, 2')).rows,
    ),
  );

beforeAll(async () => {
  const database = await useTestDatabase();
  databaseUrl = database.url;
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  await pool.query(`INSERT INTO gyms (id, name) VALUES (1, 'One'), (4, 'Four'), (5, 'Five')`);
  await pool.query(`INSERT INTO users (id, name) VALUES (4, 'u4'), (8, 'u8'), (10, 'u10')`);
  await pool.query(`INSERT INTO events (id, gym_id, title, starts_at) VALUES (700, 4, 'Spin', '2026-01-02')`);
  const rooms: [number, number, string, number[]][] = [
    [639, 5, 'room_General_4', [4, 8]],
    [10, 4, 'room_4_10', [10]],
    [11, 4, 'room_4_11', []],
  ];
  for (const [id, gymId, channelId, members] of rooms) {
    await pool.query(
      `INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind) VALUES ($1, $2, $3, $3, 'group')`,
      [id, gymId, channelId],
    );
    for (const user of members) await pool.query('INSERT INTO chat_room_members VALUES ($1, $2)', [id, user]);
  }

  server = await serveStream({});
  proxy = createServer((request, response) => {
    requests.push(`${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const instead = interpose?.(requests.length);
      if (instead) {
        response.writeHead(instead.status, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(instead.body);
        return;
      }
      void fetch(new URL(request.url ?? '/', server.url), {
        method: request.method ?? 'GET',
        headers: Object.fromEntries(
          Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== 'content-length'),
        ) as Record<string, string>,
        ...(body.length > 0 ? { body } : {}),
      }).then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const address = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const client = new StreamChat(server.apiKey, server.apiSecret, { baseURL: server.url, disableCache: true });
  await client.upsertUsers(['user_4', 'user_8', 'gym_4_user_10', 'admin'].map((id) => ({ id })));
  const make = (id: string, team: string, gymId: string, members: string[]) =>
    client
      .channel('messaging', id, { team, gym_id: gymId, members, created_by_id: 'admin' } as Record<string, unknown>)
      .create();
  await make('room_General_4', 'gym_1', '5', ['user_4', 'user_8']);
  await make('room_4_10', 'gym_4', '4', ['gym_4_user_10']);
  await make('event_644_d3d94468', 'gym_4', '4', []);
  for (let i = 0; i < 3; i++)
    await client.channel('messaging', 'room_General_4').sendMessage({ text: `general ${i}`, user_id: 'user_4' });
  for (let i = 0; i < EVENT_MESSAGES; i++)
    await client.channel('messaging', 'event_644_d3d94468').sendMessage({ text: `event ${i}`, user_id: 'admin' });
  exportDir = await mkdtemp(join(tmpdir(), 'syncsim-export-'));
});

afterAll(async () => {
  await new Promise((done) => proxy?.close(done));
  await server?.stop();
  await pool?.end();
  if (exportDir) await rm(exportDir, { recursive: true, force: true });
});

/** One line on stderr naming the problem, exit 3, nothing on stdout. */
const refused = (command: string, problem: RegExp) => ({
  code: 3,
  out: '',
  err: expect.stringMatching(new RegExp(`^${command}: ${problem.source}[^\\n]*$`)) as unknown,
});

describe('syncsim audit stream / repair stream', () => {
  it('bad input: one line, exit 3, nothing read or written on either side, no secret in the line', async () => {
    expect(STREAM_OPS_EXIT.error).toBe(EXIT.error);
    const [stream, db] = [streamState(), await dbState()];
    const cases: [string[], Partial<StreamOpsEnv>, string, RegExp][] = [
      [['audit', 'stream', '--gym'], {}, 'audit stream', /unknown flag '--gym'/],
      [['audit', 'stream', '--gym-id', 'five'], {}, 'audit stream', /--gym-id takes a gym id or 'all', not 'five'/],
      [['audit', 'slack'], {}, 'audit stream', /audit what\? only 'stream' is known/],
      [['audit', 'stream'], { STREAM_API_KEY: '' }, 'audit stream', /STREAM_API_KEY is not set/],
      [['audit', 'stream'], { STREAM_API_SECRET: 'wrong' }, 'audit stream', /Stream refused STREAM_API_KEY/],
      [['audit', 'stream'], { STREAM_BASE_URL: 'ftp://x' }, 'audit stream', /STREAM_BASE_URL is not an http\(s\) URL/],
      [['audit', 'stream'], { DATABASE_URL: 'not-a-url' }, 'audit stream', /DATABASE_URL is not a URL/],
      [
        ['audit', 'stream'],
        { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/gym' },
        'audit stream',
        /cannot connect to DATABASE_URL \(127\.0\.0\.1:1\/gym\)/,
      ],
      [
        ['audit', 'stream', '--json', '/nonexistent/dir/a.json'],
        {},
        'audit stream',
        /--json .*: its folder does not exist/,
      ],
      [['repair', 'stream', '--export-dir', exportDir], {}, 'repair stream', /--export-dir is only used with --apply/],
      [
        ['repair', 'stream', '--apply', '--export-dir', join(exportDir, 'x')],
        {},
        'repair stream',
        /--export-dir .* is not a directory/,
      ],
      // The plan deletes an orphan channel: not without a place for its messages.
      [['repair', 'stream', '--apply'], {}, 'repair stream', /the plan deletes orphan channels: give --export-dir/],
    ];
    for (const [args, env, command, problem] of cases) {
      const result = await cli(args, env);
      expect(result, args.join(' ')).toEqual(refused(command, problem));
      expect(result.err).not.toContain(server.apiSecret);
    }
    expect(streamState()).toBe(stream);
    expect(await dbState()).toBe(db);
  });

  it('audit: each fault once as itself, read-only on both sides (only POST /channels reaches Stream), JSON without secrets', async () => {
    const [stream, db] = [streamState(), await dbState()];
    requests.length = 0;
    const json = join(exportDir, '..', `syncsim-audit-${process.pid}.json`);
    const result = await cli(['audit', 'stream', '--json', json]);
    expect(result.err).toBe('');
    expect(result.code).toBe(STREAM_OPS_EXIT.found);
    expect(result.out.split('\n')).toEqual([
      'audit stream: 3 channel(s) listed in 1 page(s)',
      '  gym 4: 1 synced, 1 only in Stream, 1 only in DB, sync rate 50% (1/2)',
      '  gym 5: 0 synced, 0 only in Stream, 0 only in DB, sync rate 0% (0/1); 1 wrong-team',
      '3 fault(s):',
      '  orphan-event-channel event_644_d3d94468 (gym 4, event 644): team gym_4, gym_id 4',
      '  only-in-db room_4_11 (gym 4, room 11): not in Stream',
      '  wrong-team room_General_4 (gym 5, room 639): team gym_1, gym_id 5',
    ]);
    expect(new Set(requests)).toEqual(new Set(['POST /channels']));
    expect(streamState()).toBe(stream);
    expect(await dbState()).toBe(db);
    const written = await readFile(json, 'utf8');
    await rm(json);
    expect(JSON.parse(written)).toMatchObject({ channelsListed: 3, findings: [{}, {}, {}] });
    expect(written).not.toContain(server.apiSecret);
    expect(written).not.toContain(server.apiKey);
  });

  it('repair: dry-run changes nothing; --apply fixes in place and exports before deleting; a second --apply does nothing', async () => {
    const before = streamState();
    const dry = await cli(['repair', 'stream']);
    expect(dry.code).toBe(EXIT.ok);
    expect(dry.out).toContain('set team of messaging:room_General_4: gym_1 -> gym_5 (in place, history kept)');
    expect(dry.out).toContain('export messages of messaging:event_644_d3d94468, then delete it (event 644 is gone)');
    expect(dry.out).toContain('nothing was changed');
    expect(streamState()).toBe(before);

    const general = channel('room_General_4')!;
    const messages = general.messages.map((message) => message.id);
    const applied = await cli(['repair', 'stream', '--apply', '--export-dir', exportDir]);
    expect(applied.err).toBe('');
    expect(applied.out).not.toContain('failed:');
    expect(applied.code).toBe(EXIT.ok);
    expect(applied.out).toContain(`(${EVENT_MESSAGES} message(s) exported)`);
    expect(applied.out).toContain('2 applied, 0 failed, 1 skipped or left');
    // Same channel object, same messages, new team: a partial update, not delete + recreate.
    expect(channel('room_General_4')).toBe(general);
    expect(general.team).toBe('gym_5');
    expect(general.messages.map((message) => message.id)).toEqual(messages);
    // The orphan is gone from queries only after its history is on disk, oldest first.
    expect(channel('event_644_d3d94468')?.deletedAt).toBeDefined();
    expect(await readdir(exportDir)).toEqual(['event_644_d3d94468.jsonl']);
    const lines = (await readFile(join(exportDir, 'event_644_d3d94468.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { text: string }).text)).toEqual(
      Array.from({ length: EVENT_MESSAGES }, (_, i) => `event ${i}`),
    );

    const after = streamState();
    const again = await cli(['repair', 'stream', '--apply', '--export-dir', exportDir]);
    expect(again.code).toBe(EXIT.ok);
    // Now in the right team, the channel shows what was hidden behind its wrong team: legacy member ids (incident B).
    expect(again.out).toContain('left: leave room_General_4 (gym 5): members have legacy ids');
    expect(again.out).toContain('0 applied, 0 failed, 2 skipped or left');
    expect(streamState()).toBe(after);
    const audit = await cli(['audit', 'stream']);
    expect(audit.out).not.toContain('wrong-team');
    expect(audit.out).not.toContain('orphan-event-channel');
  });

  it('runs as `syncsim audit stream` from the command line, with the exit code of its table', async () => {
    const bin = join(import.meta.dirname, '../../bin/syncsim.js');
    const child = spawn(process.execPath, [bin, 'audit', 'stream', '--gym-id', '4'], {
      env: {
        ...process.env,
        STREAM_API_KEY: server.apiKey,
        STREAM_API_SECRET: server.apiSecret,
        STREAM_BASE_URL: server.url,
        DATABASE_URL: databaseUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(out).toContain('only-in-db room_4_11 (gym 4, room 11)');
    expect(out).not.toContain('gym 5');
    expect(code).toBe(STREAM_OPS_EXIT.found);
  });

  it("production's other answers after the credentials were proven: one line naming the likely cause, exit 3, no retry, never 'only in DB'", async () => {
    const firewall = { status: 403, body: '<!DOCTYPE html><html><body><h1>Access Denied</h1></body></html>' };
    const portal = { status: 200, body: '<!DOCTYPE html><html><body><h1>Sign in to continue</h1></body></html>' };
    const [stream, db] = [streamState(), await dbState()];
    const cases: [string[], { status: number; body: string }, string, RegExp][] = [
      [
        ['audit', 'stream'],
        firewall,
        'audit stream',
        /Stream refused POST \/channels: HTTP 403 with an HTML page, not Stream's JSON \(a firewall or proxy between this host and Stream\?\)/,
      ],
      [
        ['audit', 'stream'],
        portal,
        'audit stream',
        /Stream answered POST \/channels with an HTML page, not a JSON object \(a proxy or captive portal between this host and Stream\?\)/,
      ],
      [
        ['repair', 'stream', '--apply', '--export-dir', exportDir],
        firewall,
        'repair stream',
        /Stream refused POST \/channels: HTTP 403/,
      ],
    ];
    try {
      for (const [args, answer, command, problem] of cases) {
        requests.length = 0;
        // The probe (the first request) gets through: the key and secret are right.
        interpose = (nth) => (nth >= 2 ? answer : undefined);
        const result = await cli(args);
        expect(result, args.join(' ')).toEqual(refused(command, problem));
        // One refused listing request after the probe, not a retry storm.
        expect(requests).toEqual(['POST /channels', 'POST /channels']);
      }
    } finally {
      interpose = undefined;
    }
    expect(streamState()).toBe(stream);
    expect(await dbState()).toBe(db);
  });
});
