/**
 * Captures a StreamSnapshot from the gym app's database and its Stream app, READ-ONLY on both:
 * the tables in one read-only repeatable-read transaction, then the channels (listed with
 * listAllChannels; for one gym, its team's channels and any other channel one of its rooms
 * points at), each channel's members and messages (paged backwards with id_lt, as the export
 * does), and the users. Message texts become their length and user custom fields (names,
 * phones) are dropped unless `keepText`: production chat is personal data. users.name and
 * users.email are replaced the same way.
 */
import type { StreamChat } from 'stream-chat';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/db.ts';
import { listAllChannels } from '../list-all-channels.ts';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_TABLES,
  SNAPSHOT_VERSION,
  type SnapshotChannel,
  type SnapshotMessage,
  type SnapshotRow,
  type SnapshotTable,
  type SnapshotUser,
  type StreamSnapshot,
} from './stream-snapshot.ts';

export interface CaptureDeps {
  readonly db: Db;
  readonly stream: StreamChat;
  readonly clock: Clock;
}

export interface CaptureOptions {
  /** One gym, or the whole app when undefined. */
  readonly gymId?: number;
  readonly keepText: boolean;
}

const pageSize = 100;

// Each table's rows of the scope ($1: the gym, or NULL for all), in a stable order.
const ROOMS_OF_SCOPE = 'SELECT id FROM chat_rooms WHERE $1::bigint IS NULL OR gym_id = $1';
const TABLE_SQL: Record<SnapshotTable, string> = {
  gyms: 'SELECT * FROM gyms WHERE $1::bigint IS NULL OR id = $1 ORDER BY id',
  users: `SELECT * FROM users WHERE $1::bigint IS NULL
            OR id IN (SELECT user_id FROM gym_memberships WHERE gym_id = $1)
            OR id IN (SELECT user_id FROM chat_room_members WHERE room_id IN (${ROOMS_OF_SCOPE}))
          ORDER BY id`,
  gym_memberships: 'SELECT * FROM gym_memberships WHERE $1::bigint IS NULL OR gym_id = $1 ORDER BY gym_id, user_id',
  events: 'SELECT * FROM events WHERE $1::bigint IS NULL OR gym_id = $1 ORDER BY id',
  chat_rooms: 'SELECT * FROM chat_rooms WHERE $1::bigint IS NULL OR gym_id = $1 ORDER BY id',
  chat_room_members: `SELECT * FROM chat_room_members WHERE room_id IN (${ROOMS_OF_SCOPE}) ORDER BY room_id, user_id`,
  chat_room_unread: `SELECT * FROM chat_room_unread WHERE room_id IN (${ROOMS_OF_SCOPE}) ORDER BY room_id, user_id`,
};

async function readTables(db: Db, gymId: number | null): Promise<Record<SnapshotTable, SnapshotRow[]>> {
  const client = await db.connect();
  try {
    await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = {} as Record<SnapshotTable, SnapshotRow[]>;
    for (const name of Object.keys(SNAPSHOT_TABLES) as SnapshotTable[]) {
      // to_json: timestamps as ISO text and numbers as numbers, the same on every driver.
      const { rows } = await client.query<{ row: SnapshotRow }>(
        `SELECT to_json(t) AS row FROM (${TABLE_SQL[name]}) t`,
        [gymId],
      );
      tables[name] = rows.map((r) => r.row);
    }
    await client.query('COMMIT');
    return tables;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const redactUser = (row: SnapshotRow): SnapshotRow => ({ ...row, name: `user ${String(row.id)}`, email: null });

interface ChannelQueryJson {
  channel?: Record<string, unknown>;
  members?: readonly { user_id?: unknown; user?: { id?: unknown }; channel_role?: unknown }[];
  messages?: readonly { id?: unknown; text?: unknown; type?: unknown; user?: { id?: unknown }; created_at?: unknown }[];
}

// What Stream returns about a channel that is not the app's own data.
const BUILT_IN = new Set([
  'id',
  'type',
  'cid',
  'team',
  'created_by',
  'created_at',
  'updated_at',
  'deleted_at',
  'last_message_at',
  'member_count',
  'frozen',
  'disabled',
  'config',
  'own_capabilities',
  'hidden',
  'truncated_at',
  'members',
  'blocked',
  'muted',
  'message_count',
  'truncated_by',
  'cooldown',
  'auto_translation_enabled',
  'auto_translation_language',
]);

async function readChannel(
  stream: StreamChat,
  listed: { type: string; id: string },
  keepText: boolean,
): Promise<SnapshotChannel> {
  const url = `${stream.baseURL}/channels/${encodeURIComponent(listed.type)}/${encodeURIComponent(listed.id)}/query`;
  const pages: NonNullable<ChannelQueryJson['messages']>[] = [];
  let first: ChannelQueryJson | undefined;
  let before: string | undefined;
  for (;;) {
    // No `data`, no watch: a read of the existing channel (listed a moment ago).
    const response = await stream.post<ChannelQueryJson>(url, {
      state: true,
      watch: false,
      presence: false,
      messages: { limit: pageSize, ...(before !== undefined ? { id_lt: before } : {}) },
    });
    first ??= response;
    const page = response.messages ?? [];
    if (before !== undefined && page.some((message) => message.id === before))
      throw new Error(`Stream returned message ${before} of ${listed.type}:${listed.id} again (id_lt ignored?)`);
    pages.unshift(page);
    const oldest = page[0]?.id;
    if (page.length < pageSize || typeof oldest !== 'string') break;
    before = oldest;
  }
  const channel = first.channel ?? {};
  const createdBy = channel.created_by as { id?: unknown } | undefined;
  const messages = pages.flat().map((message): SnapshotMessage => {
    const text = typeof message.text === 'string' ? message.text : '';
    return {
      id: String(message.id),
      user_id: String(message.user?.id),
      type: typeof message.type === 'string' ? message.type : 'regular',
      created_at: String(message.created_at),
      ...(keepText ? { text } : { text_length: text.length }),
    };
  });
  return {
    type: listed.type,
    id: listed.id,
    team: typeof channel.team === 'string' && channel.team !== '' ? channel.team : null,
    created_by_id: typeof createdBy?.id === 'string' ? createdBy.id : 'unknown',
    created_at: String(channel.created_at),
    custom: Object.fromEntries(Object.entries(channel).filter(([key]) => !BUILT_IN.has(key))),
    members: (first.members ?? []).map((member) => ({
      user_id: String(member.user_id ?? member.user?.id),
      channel_role: typeof member.channel_role === 'string' ? member.channel_role : 'channel_member',
    })),
    messages,
  };
}

interface UserJson {
  id: string;
  role?: string;
  teams?: string[];
  [key: string]: unknown;
}
const USER_BUILT_IN = new Set([
  'id',
  'role',
  'teams',
  'created_at',
  'updated_at',
  'deleted_at',
  'deactivated_at',
  'last_active',
  'online',
  'banned',
  'shadow_banned',
  'invisible',
  'language',
  'teams_role',
  'blocked_user_ids',
  'privacy_settings',
  'push_notifications',
]);

function toSnapshotUser(user: UserJson, keepText: boolean): SnapshotUser {
  const custom = Object.fromEntries(Object.entries(user).filter(([key]) => !USER_BUILT_IN.has(key)));
  return { id: user.id, role: user.role ?? 'user', teams: [...(user.teams ?? [])], ...(keepText ? { custom } : {}) };
}

/** Every user (keyset on id: no offset limit), or the given ids in pages of 100. */
async function readUsers(stream: StreamChat, ids: readonly string[] | undefined): Promise<UserJson[]> {
  const users: UserJson[] = [];
  if (ids === undefined) {
    let after: string | undefined;
    for (;;) {
      const filter = after === undefined ? {} : { id: { $gt: after } };
      const page = (await stream.queryUsers(filter, { id: 1 }, { limit: pageSize })).users as UserJson[];
      users.push(...page);
      if (page.length < pageSize) return users;
      after = page[page.length - 1]!.id;
    }
  }
  const unique = [...new Set(ids)].sort();
  for (let at = 0; at < unique.length; at += pageSize) {
    const page = unique.slice(at, at + pageSize);
    users.push(
      ...((await stream.queryUsers({ id: { $in: page } }, { id: 1 }, { limit: pageSize })).users as UserJson[]),
    );
  }
  return users.sort((a, b) => a.id.localeCompare(b.id));
}

async function listChannels(deps: CaptureDeps, filter: Record<string, unknown> | undefined) {
  const listed: { type: string; id: string; cid: string }[] = [];
  for await (const page of listAllChannels(deps.stream, { clock: deps.clock, ...(filter ? { filter } : {}) }))
    listed.push(...page);
  return listed;
}

export async function captureStreamSnapshot(deps: CaptureDeps, options: CaptureOptions): Promise<StreamSnapshot> {
  const gymId = options.gymId ?? null;
  const tables = await readTables(deps.db, gymId);
  if (!options.keepText) tables.users = tables.users.map(redactUser);

  const listed = await listChannels(deps, gymId === null ? undefined : { team: `gym_${gymId}` });
  if (gymId !== null) {
    // A room whose channel sits in another team (incident A) is still the gym's.
    const seen = new Set(listed.map((channel) => channel.id));
    const missing = [...new Set(tables.chat_rooms.map((room) => String(room.stream_channel_id)))].filter(
      (id) => !seen.has(id),
    );
    for (let at = 0; at < missing.length; at += pageSize)
      listed.push(...(await listChannels(deps, { type: 'messaging', id: { $in: missing.slice(at, at + pageSize) } })));
  }
  const unique = new Map(listed.map((channel) => [channel.cid, channel]));
  const channels: SnapshotChannel[] = [];
  for (const cid of [...unique.keys()].sort())
    channels.push(await readChannel(deps.stream, unique.get(cid)!, options.keepText));

  // One gym: every member of its channels, and both ids (legacy and tenant) of its people.
  const ids =
    gymId === null
      ? undefined
      : [
          ...channels.flatMap((channel) => channel.members.map((member) => member.user_id)),
          ...tables.users.flatMap((user) => [`user_${String(user.id)}`, `gym_${gymId}_user_${String(user.id)}`]),
        ];
  const users = (await readUsers(deps.stream, ids)).map((user) => toSnapshotUser(user, options.keepText));
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    scope: { gym_id: gymId },
    tables,
    stream: { users, channels },
  };
}
