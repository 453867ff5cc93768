/**
 * `syncsim validate-migration --snapshot FILE` refuses a file it cannot use with one line naming
 * the problem (the first bad field), exit 3, before any database is touched: the URL given points
 * at a port nothing listens on, so a refusal that came later would name the database instead.
 * (The good round trip, capture then validate, is scenarios/chat/snapshot-stream-cli.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isOneLineRefusal, runMainInProcess as syncsim } from './run-main-in-process.ts';

const env = { DATABASE_URL: 'postgres://syncsim@127.0.0.1:1/unreachable', SYNCSIM_POSTGRES: 'url' };
const dir = mkdtempSync(join(tmpdir(), 'syncsim-valmig-snap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const channel = (members: unknown[]) => ({
  type: 'messaging',
  id: 'room_4_1',
  team: 'gym_4',
  created_by_id: 'admin',
  created_at: '2025-09-01T10:00:00.000Z',
  custom: {},
  members,
  messages: [],
});
const snapshot = (gym: number | null, members: unknown[]) => ({
  format: 'syncsim-stream-snapshot',
  version: 1,
  scope: { gym_id: gym },
  tables: {
    gyms: [],
    users: [],
    gym_memberships: [],
    events: [],
    chat_rooms: [],
    chat_room_members: [],
    chat_room_unread: [],
  },
  stream: { users: [], channels: [channel([]), channel([]), channel([]), channel(members)] },
});

describe('validate-migration --snapshot: a file it cannot use', () => {
  it('is one line naming the first bad field, exit 3, nothing run', async () => {
    const write = (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    };
    const cases: [string, string][] = [
      [
        write('member.json', JSON.stringify(snapshot(4, [{ user_id: 10, channel_role: 'channel_member' }]))),
        'stream.channels[3].members[0].user_id is not a string',
      ],
      [write('text.json', '{"format": "syncsim-stream-snapshot",'), 'not JSON ('],
      [
        write('gym1.json', JSON.stringify(snapshot(1, []))),
        'scope.gym_id is 1: it holds gym 1 only, not the scope gym=4',
      ],
      [join(dir, 'absent.json'), 'cannot read it (ENOENT)'],
    ];
    for (const [file, problem] of cases) {
      const run = await syncsim(['validate-migration', 'stream-ids', '--snapshot', file, '--seed', '1'], env);
      expect(isOneLineRefusal(run), run.stderr).toBe(true);
      expect(run.stderr).toContain(`syncsim: snapshot ${file}: ${problem}`);
    }
    // The same well-formed file with the field fixed gets past the snapshot: to the database.
    const good = write('good.json', JSON.stringify(snapshot(4, [{ user_id: 'user_10', channel_role: 'x' }])));
    const run = await syncsim(['validate-migration', 'stream-ids', '--snapshot', good, '--seed', '1'], env);
    expect(isOneLineRefusal(run)).toBe(true);
    expect(run.stderr).toContain('syncsim: cannot connect to DATABASE_URL');
    // Each command loads every scenario file first: 13-20 s a command on the loaded VM.
  }, 300_000);
});
