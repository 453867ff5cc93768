// parseStreamSnapshot names the FIRST malformed field of a snapshot, and takes a good one as is.
import { describe, expect, it } from 'vitest';
import { parseStreamSnapshot } from './parse-stream-snapshot.ts';

const good = () => ({
  format: 'syncsim-stream-snapshot',
  version: 1,
  scope: { gym_id: 4 },
  tables: {
    gyms: [{ id: 4, name: 'Gym 4', created_at: '2025-09-01T10:00:00+00:00' }],
    users: [{ id: 10, name: 'user 10', email: null, created_at: '2025-09-01T10:00:00+00:00' }],
    gym_memberships: [],
    events: [],
    chat_rooms: [],
    chat_room_members: [],
    chat_room_unread: [],
  },
  stream: {
    users: [{ id: 'user_10', role: 'user', teams: ['gym_4'] }],
    channels: [
      {
        type: 'messaging',
        id: 'room_4_1',
        team: 'gym_4',
        created_by_id: 'admin',
        created_at: '2025-09-01T10:00:00.000Z',
        custom: { gym_id: '4' },
        members: [{ user_id: 'user_10', channel_role: 'channel_member' }],
        messages: [
          { id: 'm1', user_id: 'user_10', type: 'regular', created_at: '2025-09-01T10:00:01.000Z', text_length: 5 },
          { id: 'm2', user_id: 'user_10', type: 'regular', created_at: '2025-09-01T10:00:02.000Z', text: 'hi' },
        ],
      },
    ],
  },
});

type Snapshot = ReturnType<typeof good>;

describe('parseStreamSnapshot', () => {
  it('takes a well-formed snapshot (text or text_length per message, gym or whole app)', () => {
    expect(parseStreamSnapshot(good())).toEqual({ snapshot: good() });
    const all = { ...good(), scope: { gym_id: null } };
    expect(parseStreamSnapshot(all)).toEqual({ snapshot: all });
  });

  it.each<[string, (s: Snapshot) => unknown, string]>([
    ['not an object', () => [], 'the snapshot is not an object'],
    ['another format', (s) => ({ ...s, format: 'pg_dump' }), "format is not 'syncsim-stream-snapshot'"],
    ['a newer version', (s) => ({ ...s, version: 2 }), 'version 2 is not 1 (the one this syncsim reads)'],
    ['a gym id that is text', (s) => ({ ...s, scope: { gym_id: '4' } }), 'scope.gym_id is not a gym id or null'],
    ['no tables', (s) => ({ ...s, tables: undefined }), 'tables is not an object'],
    [
      'an unknown table',
      (s) => ({ ...s, tables: { ...s.tables, payments: [] } }),
      'tables.payments is not a table a snapshot holds (gyms, users, gym_memberships, events, chat_rooms, chat_room_members, chat_room_unread)',
    ],
    [
      'a missing table',
      (s) => ({ ...s, tables: { ...s.tables, chat_rooms: undefined } }),
      'tables.chat_rooms is not an array',
    ],
    [
      'an unknown column',
      (s) => ({ ...s, tables: { ...s.tables, users: [{ id: 10, emial: 'x' }] } }),
      'tables.users[0].emial is not a column of users',
    ],
    [
      'a nested cell',
      (s) => ({ ...s, tables: { ...s.tables, gyms: [{ id: { n: 4 } }] } }),
      'tables.gyms[0].id is not a string, number, boolean or null',
    ],
    ['users not a list', (s) => ({ ...s, stream: { ...s.stream, users: {} } }), 'stream.users is not an array'],
    [
      'a team that is a number',
      (s) => ({ ...s, stream: { ...s.stream, users: [{ id: 'u', role: 'user', teams: [4] }] } }),
      'stream.users[0].teams[0] is not a string',
    ],
    [
      'a member id that is a number',
      (s) => {
        s.stream.channels[0]!.members = [{ user_id: 10 as unknown as string, channel_role: 'channel_member' }];
        return s;
      },
      'stream.channels[0].members[0].user_id is not a string',
    ],
    [
      'a message with neither text nor length',
      (s) => {
        delete (s.stream.channels[0]!.messages[0] as { text_length?: number }).text_length;
        return s;
      },
      'stream.channels[0].messages[0] has neither text nor text_length',
    ],
    [
      'a message with both',
      (s) => {
        (s.stream.channels[0]!.messages[1] as { text_length?: number }).text_length = 2;
        return s;
      },
      'stream.channels[0].messages[1] has both text and text_length',
    ],
    [
      'a negative length',
      (s) => {
        s.stream.channels[0]!.messages[0]!.text_length = -1;
        return s;
      },
      'stream.channels[0].messages[0].text_length is not a length (a whole number >= 0)',
    ],
    [
      'a created_at that is no instant',
      (s) => {
        s.stream.channels[0]!.created_at = 'yesterday';
        return s;
      },
      'stream.channels[0].created_at is not an ISO instant',
    ],
  ])('%s: names the field', (_, mutate, problem) => {
    expect(parseStreamSnapshot(mutate(good()))).toEqual({ problem });
  });

  it('names the first bad field when there are several', () => {
    const s = good();
    s.stream.channels[0]!.members = [{ user_id: 10 as unknown as string, channel_role: 'x' }];
    (s.stream.users[0] as { role: unknown }).role = 3;
    expect(parseStreamSnapshot(s)).toEqual({ problem: 'stream.users[0].role is not a string' });
  });
});
