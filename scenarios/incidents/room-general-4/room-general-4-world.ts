/**
 * Incident A's world exactly as the report describes it (incidents.md section A):
 * - gyms 1, 4 and 5; users 4 and 8 are members of gyms 1 and 5;
 * - room_General_4: created in Stream 2025-06-25 04:10:44 with team gym_1 but gym_id '5',
 *   members user_4 and user_8, and a history of messages; its chat_rooms row (room 639,
 *   gym 5) was created 2025-10-26 20:36:39;
 * - gym 4: 14 rooms, 5 with their channel in Stream (team gym_4) and 9 whose channels were
 *   deleted from Stream; two event channels, event_644_d3d94468 and event_656_d3d94468, whose
 *   events no longer exist (with messages nobody has exported);
 * - 15 chat rooms in the database in all.
 * The Stream fake runs on the case's clock and is served to the actors through msw. The world
 * also keeps what the invariants need: the true faults, what the synced rooms of gym 4 looked
 * like, every message Stream acknowledged, and what the operator's runs reported.
 */
import { StreamFake, streamHandlers, type ChannelRecord } from 'syncsim/fakes/stream';
import type { WorldContext } from 'syncsim';
import type { AuditFinding, AuditFindingKind } from '../../../src/chat/index.ts';
import type { RepairOutcome } from '../../../src/chat/index.ts';

export const STREAM_URL = 'https://chat.room-general-4.test';
export const STREAM_KEY = 'gym-app-key';
export const STREAM_SECRET = 'gym-app-secret';
export const GENERAL = 'room_General_4';
export const GENERAL_ROOM = 639;
export const ORPHAN_EVENTS = ['event_644_d3d94468', 'event_656_d3d94468'] as const;
/** Messages room_General_4 had before the repair, and each orphan event channel. */
export const GENERAL_HISTORY = 12;
export const EVENT_HISTORY = 7;

export interface TrueFault {
  readonly channelId: string;
  readonly kind: Exclude<AuditFindingKind, 'synced'>;
  readonly gymId: number;
}

/** What an audit printed, as the invariants read it: the findings and the synced count per gym. */
export interface AuditSeen {
  readonly findings: readonly Pick<AuditFinding, 'kind' | 'channelId' | 'gymId'>[];
  readonly synced: ReadonlyMap<number | null, number>;
}

export interface RoomGeneral4World {
  readonly fake: StreamFake;
  readonly sessionDir: string;
  readonly truth: readonly TrueFault[];
  readonly syncedChannels: readonly string[];
  /** JSON of each synced gym-4 channel as it was built: nothing may change it. */
  readonly untouched: ReadonlyMap<string, string>;
  /** Every message id Stream acknowledged (the history at build time, then each send that succeeded). */
  readonly acknowledged: Map<string, string>;
  /** The first audit the operator ran (before any repair): what it reported. */
  audits: AuditSeen[];
  /** Each repair run's outcomes, in order (the heal phase runs one more). */
  repairs: RepairOutcome[][];
}

const at = (iso: string) => Date.parse(iso);

/** The parts of a channel the repair of another tenant's room must never change. */
export function channelFingerprint(channel: ChannelRecord): string {
  return JSON.stringify({
    team: channel.team,
    custom: channel.custom,
    deleted: channel.deletedAt ?? null,
    members: [...channel.members.keys()],
    messages: channel.messages.map((message) => message.id),
  });
}

export async function buildRoomGeneral4(
  ctx: Pick<WorldContext<unknown>, 'db' | 'clock' | 'http' | 'sessionDir'>,
): Promise<RoomGeneral4World> {
  const { db } = ctx;
  const fake = new StreamFake({ apiKey: STREAM_KEY, apiSecret: STREAM_SECRET, now: () => ctx.clock.now() });
  ctx.http.use(...streamHandlers(fake, STREAM_URL));
  const store = fake.store;

  await db.query(`INSERT INTO gyms (id, name) VALUES (1, 'Gym 1'), (4, 'Gym 4'), (5, 'Gym 5')`);
  const gym4Users = [20, 21, 22, 23];
  await db.query(`INSERT INTO users (id, name) SELECT id, 'user ' || id FROM unnest($1::bigint[]) AS id`, [
    [4, 8, ...gym4Users],
  ]);
  await db.query(
    `INSERT INTO gym_memberships (gym_id, user_id) VALUES (1, 4), (5, 4), (1, 8), (5, 8),
       (4, 20), (4, 21), (4, 22), (4, 23)`,
  );
  store.upsertUsers(
    [
      { id: 'user_4', teams: ['gym_1', 'gym_5'] },
      { id: 'user_8', teams: ['gym_1', 'gym_5'] },
      { id: 'admin', teams: ['gym_1', 'gym_4', 'gym_5'] },
      ...gym4Users.map((u) => ({ id: `gym_4_user_${u}`, teams: ['gym_4'] })),
    ].map((user) => ({ ...user, custom: {} })),
  );

  const channel = (id: string, team: string, gymId: string, members: string[], createdAt: number) => {
    const { channel: record } = store.getOrCreateChannel({
      type: 'messaging',
      id,
      distinct: false,
      data: {
        createdBy: 'admin',
        team,
        members: members.map((userId) => ({ userId, channelRole: 'channel_member', custom: {} })),
        custom: { gym_id: gymId },
      },
    });
    record.createdAt = createdAt;
    return record;
  };
  const history = (id: string, from: string, count: number) => {
    for (let i = 0; i < count; i++) {
      const message = store.sendMessage('messaging', id, {
        text: `${id} #${i + 1}`,
        type: 'regular',
        userId: from,
        custom: {},
      });
      acknowledged.set(message.id, `messaging:${id}`);
    }
  };
  const acknowledged = new Map<string, string>();

  channel(GENERAL, 'gym_1', '5', ['user_4', 'user_8'], at('2025-06-25T04:10:44Z'));
  history(GENERAL, 'user_4', GENERAL_HISTORY);
  await db.query(
    `INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind, created_at)
     VALUES ($1, 5, $2, 'General', 'group', '2025-10-26T20:36:39Z')`,
    [GENERAL_ROOM, GENERAL],
  );
  await db.query('INSERT INTO chat_room_members (room_id, user_id) VALUES ($1, 4), ($1, 8)', [GENERAL_ROOM]);

  // Gym 4: rooms 601..614; the first five keep their channel, the other nine lost it.
  const syncedChannels: string[] = [];
  const truth: TrueFault[] = [{ channelId: GENERAL, kind: 'wrong-team', gymId: 5 }];
  for (let i = 0; i < 14; i++) {
    const roomId = 601 + i;
    const channelId = `room_4_${roomId}`;
    const members = [gym4Users[i % 4]!, gym4Users[(i + 1) % 4]!];
    await db.query(
      `INSERT INTO chat_rooms (id, gym_id, stream_channel_id, name, kind, created_at)
       VALUES ($1, 4, $2, $3, 'group', '2025-03-01T10:00:00Z')`,
      [roomId, channelId, `Room ${roomId}`],
    );
    await db.query('INSERT INTO chat_room_members (room_id, user_id) SELECT $1, unnest($2::bigint[])', [
      roomId,
      members,
    ]);
    if (i < 5) {
      channel(
        channelId,
        'gym_4',
        '4',
        members.map((u) => `gym_4_user_${u}`),
        at('2025-03-01T10:00:00Z') + i * 1000,
      );
      history(channelId, `gym_4_user_${members[0]}`, 2);
      syncedChannels.push(channelId);
    } else {
      truth.push({ channelId, kind: 'only-in-db', gymId: 4 });
    }
  }
  for (const [i, id] of ORPHAN_EVENTS.entries()) {
    channel(id, 'gym_4', '4', ['gym_4_user_20'], at('2025-05-10T18:00:00Z') + i * 1000);
    history(id, 'gym_4_user_20', EVENT_HISTORY);
    truth.push({ channelId: id, kind: 'orphan-event-channel', gymId: 4 });
  }

  const untouched = new Map(
    syncedChannels.map((id) => [id, channelFingerprint(store.channels.get(`messaging:${id}`)!)]),
  );
  return { fake, sessionDir: ctx.sessionDir, truth, syncedChannels, untouched, acknowledged, audits: [], repairs: [] };
}
