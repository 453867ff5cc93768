/**
 * The Stream Chat fake's state and the service's rules, with no HTTP in sight. Every method is
 * one API operation; a broken rule throws a StreamError carrying Stream's status and code, and
 * the handlers name the operation in the error body.
 *
 * Rules enforced (see ../../shared/reference/stream-chat-api.md):
 * - users: id charset, batches of at most 100 that fail as a whole, teams (<= 250, <= 100 bytes),
 *   full upsert replaces custom data, partial set/unset with dotted keys, soft and hard delete;
 * - channels: type/id charset and 64-character limit, '!' reserved for member-based ids, a
 *   server-side create needs exactly one of created_by / created_by_id, members must exist,
 *   get-or-create ignores `data` for an existing channel and recovers a soft-deleted one,
 *   update replaces ALL custom data, updatePartial refuses reserved fields, member changes are
 *   at most 100 ids and cannot add and remove the same user, distinct channels keep their
 *   members, soft/hard delete (deleted channels leave queries), batch delete with a task,
 *   truncate;
 * - messages: a sender is required (exactly one of user / user_id), reserved timestamps,
 *   unique ids, max length 5000;
 * - queryChannels: limit <= 30, offset <= 1000, member_limit 0..100, message_limit 0..300,
 *   sort of at most 5 fields; queryUsers: limit <= 100, offset <= 1000.
 * Time comes from the injected clock and ids from a counter, so a replay sees the same state.
 */
import { setPath, unsetPath } from './dotted-path.ts';
import { matchesFilter } from './match-filter.ts';
import { channelDoc, sortBy, userDoc } from './query-docs.ts';
import { renderChannel, renderMember, renderMessage, renderUser, iso } from './render-stream.ts';
import type {
  ChannelRecord,
  Custom,
  MessageRecord,
  StreamEvent,
  TaskRecord,
  TaskStatus,
  UserRecord,
} from './stream-records.ts';
import { inputError, notAllowed, notFound, StreamError } from './stream-error.ts';
import {
  asObject,
  asStringList,
  channelCustom,
  checkChannelId,
  checkChannelType,
  checkCustomSize,
  checkRange,
  checkSort,
  checkTeams,
  creatorOf,
  distinctId,
  MAX_CUSTOM_BYTES,
  parseMembers,
} from './stream-input.ts';

type Json = Record<string, unknown>;

export interface StreamStoreOptions {
  /** Simulated wall clock, ms since epoch. */
  now: () => number;
  /** How long an async task (batch delete) takes on the simulated clock. Default 0. */
  taskDurationMs?: number;
}

const CHANNEL_PARTIAL_RESERVED = new Set([
  'id',
  'type',
  'cid',
  'created_at',
  'updated_at',
  'deleted_at',
  'members',
  'member_count',
  'created_by',
  'config',
  'last_message_at',
]);
const USER_BUILT_IN = new Set([
  'id',
  'role',
  'teams',
  'created_at',
  'updated_at',
  'deleted_at',
  'banned',
  'online',
  'last_active',
  'shadow_banned',
  'invisible',
  'language',
  'blocked_user_ids',
]);
const MESSAGE_BUILT_IN = new Set([
  'id',
  'text',
  'type',
  'user',
  'user_id',
  'cid',
  'html',
  'created_at',
  'updated_at',
  'attachments',
  'mentioned_users',
]);
const CHANNEL_DATE_FIELDS = new Set(['created_at', 'updated_at', 'last_message_at', 'last_updated', 'deleted_at']);
const USER_DATE_FIELDS = new Set(['created_at', 'updated_at', 'last_active', 'deleted_at']);

const MAX_MESSAGE_LENGTH = 5000;
const USER_ID_RE = /^[@\w-]+$/;

/** The body of POST /channels as the SDK sends it (validated by the store, not trusted). */
export interface QueryChannelsRequest {
  filter_conditions?: unknown;
  sort?: unknown;
  limit?: unknown;
  offset?: unknown;
  member_limit?: unknown;
  message_limit?: unknown;
}

/** The `payload` of GET /users. */
export interface QueryUsersRequest {
  filter_conditions?: unknown;
  sort?: unknown;
  limit?: unknown;
  offset?: unknown;
  include_deactivated_users?: unknown;
}

export class StreamStore {
  readonly #now: () => number;
  readonly #taskDurationMs: number;
  readonly users = new Map<string, UserRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly #messageIds = new Set<string>();
  readonly #listeners: Array<(event: StreamEvent) => void> = [];
  #seq = 0;

  constructor(options: StreamStoreOptions) {
    this.#now = options.now;
    this.#taskDurationMs = options.taskDurationMs ?? 0;
  }

  now(): number {
    return this.#now();
  }

  /** Called for every event the service would emit (webhooks subscribe here). */
  onEvent(listener: (event: StreamEvent) => void): () => void {
    this.#listeners.push(listener);
    return () => {
      const at = this.#listeners.indexOf(listener);
      if (at >= 0) this.#listeners.splice(at, 1);
    };
  }

  /** A deterministic UUID-shaped id from the store's counter. */
  nextUuid(): string {
    const n = ++this.#seq;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  }

  // ---------------------------------------------------------------- users

  upsertUsers(input: unknown): Json {
    this.#tick();
    if (input === null || typeof input !== 'object' || Array.isArray(input))
      throw inputError('users must be a map of user id to user');
    const entries = Object.entries(input as Record<string, unknown>);
    if (entries.length === 0) throw inputError('users must contain at least one user');
    if (entries.length > 100) throw inputError('users must contain 100 or fewer users');
    // Validate the whole batch before touching anything: one bad user fails the batch.
    const parsed = entries.map(([key, raw]) => this.#parseUser(key, raw));
    const now = this.#now();
    const out: Json = {};
    for (const user of parsed) {
      const existing = this.users.get(user.id);
      const record: UserRecord = {
        id: user.id,
        role: user.role ?? 'user',
        teams: user.teams ?? [],
        custom: user.custom,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        seq: existing?.seq ?? ++this.#seq,
      };
      this.users.set(user.id, record);
      out[user.id] = renderUser(record);
    }
    return { users: out };
  }

  partialUpdateUsers(input: unknown): Json {
    this.#tick();
    if (!Array.isArray(input) || input.length === 0) throw inputError('users must be a non-empty list');
    if (input.length > 100) throw inputError('users must contain 100 or fewer users');
    const changes = input.map((raw) => {
      const item = asObject(raw, 'user');
      const id = item.id;
      if (typeof id !== 'string' || id === '') throw inputError('user.id is a required field');
      if (!this.#activeUser(id)) throw inputError(`user "${id}" does not exist`);
      const set = item.set === undefined ? {} : asObject(item.set, 'set');
      const unset = item.unset === undefined ? [] : asStringList(item.unset, 'unset');
      for (const key of Object.keys(set))
        if (key === 'id' || key === 'created_at' || key === 'updated_at') throw inputError(`field ${key} is reserved`);
      if ('teams' in set) checkTeams(set.teams);
      return { id, set, unset };
    });
    const now = this.#now();
    const out: Json = {};
    for (const { id, set, unset } of changes) {
      const user = this.users.get(id)!;
      for (const [key, value] of Object.entries(set)) {
        if (key === 'role') user.role = String(value);
        else if (key === 'teams') user.teams = [...(value as string[])];
        else user.custom = setPath(user.custom, key, value);
      }
      for (const key of unset) {
        if (key === 'teams') user.teams = [];
        else user.custom = unsetPath(user.custom, key);
      }
      user.updatedAt = now;
      out[id] = renderUser(user);
    }
    return { users: out };
  }

  queryUsers(request: QueryUsersRequest): Json {
    this.#tick();
    const limit = checkRange(request.limit, 'limit', 0, 100, 30);
    const offset = checkRange(request.offset, 'offset', 0, 1000, 0);
    const docs = [...this.users.values()]
      .filter((user) => user.deletedAt === undefined || request.include_deactivated_users === true)
      .filter((user) =>
        matchesFilter(userDoc(user), request.filter_conditions ?? {}, { dateFields: USER_DATE_FIELDS }),
      );
    const given = checkSort(request.sort);
    const sort =
      given.length > 0
        ? given
        : [
            { field: 'created_at', direction: -1 },
            { field: 'id', direction: -1 },
          ];
    const sorted = sortBy(docs, userDoc, sort, USER_DATE_FIELDS);
    return { users: sorted.slice(offset, offset + limit).map(renderUser) };
  }

  deleteUser(id: string, options: { hard_delete?: boolean; mark_messages_deleted?: boolean }): Json {
    this.#tick();
    const user = this.users.get(id);
    if (!user || (user.deletedAt !== undefined && !options.hard_delete)) throw notFound(`user ${id} does not exist`);
    const now = this.#now();
    user.deletedAt = now;
    user.updatedAt = now;
    const rendered = renderUser(user);
    if (options.hard_delete) {
      this.users.delete(id);
      for (const channel of this.channels.values()) channel.members.delete(id);
    }
    const task = this.#createTask({ [id]: { status: 'ok' } });
    return { user: rendered, task_id: task.id };
  }

  /** POST /users/delete: users are marked deleted at once; a task does the rest (hard: purge). */
  deleteUsers(body: Json): Json {
    this.#tick();
    const ids = asStringList(body.user_ids, 'user_ids');
    if (ids.length === 0) throw inputError('user_ids must contain at least 1 item');
    if (ids.length > 100) throw inputError('user_ids must contain 100 or fewer items');
    for (const key of ['user', 'messages', 'conversations'] as const) {
      const mode = body[key];
      if (mode !== undefined && mode !== 'soft' && mode !== 'hard' && !(key !== 'conversations' && mode === 'pruning'))
        throw inputError(`${key} must be one of soft hard${key === 'conversations' ? '' : ' pruning'}`);
    }
    const found = ids.map((id) => this.#activeUser(id)).filter((u): u is UserRecord => u !== undefined);
    const now = this.#now();
    for (const user of found) {
      user.deletedAt = now;
      user.updatedAt = now;
    }
    const result: TaskRecord['result'] = {};
    for (const id of ids)
      result[id] = found.some((u) => u.id === id)
        ? { status: 'ok' }
        : { status: 'error', error: `user ${id} does not exist` };
    const hard = body.user === 'hard' || body.user === 'pruning';
    const purge = () => {
      for (const user of found) {
        this.users.delete(user.id);
        for (const channel of this.channels.values()) channel.members.delete(user.id);
      }
    };
    return { task_id: this.#createTask(result, hard ? purge : undefined).id };
  }

  // ---------------------------------------------------------------- channels

  /** POST /channels/{type}/{id}/query, and /channels/{type}/query (id from the members). */
  getOrCreateChannel(type: string, id: string | undefined, body: Json): { response: Json; created: boolean } {
    this.#tick();
    checkChannelType(type);
    const data = body.data === undefined ? {} : asObject(body.data, 'data');
    const members = parseMembers(data.members, 'members');
    let channelId: string;
    if (id === undefined) {
      const ids = [...new Set(members.map((m) => m.userId))];
      if (ids.length < 2) throw inputError('When using member based IDs specify at least 2 members');
      channelId = distinctId(ids);
    } else {
      checkChannelId(id);
      channelId = id;
    }
    const cid = `${type}:${channelId}`;
    const existing = this.channels.get(cid);
    if (existing && existing.deletedAt === undefined)
      return { response: this.#channelState(existing, body), created: false };

    const createdById = creatorOf(data, 'data.created_by', 'when using server side auth');
    if (members.length > 100) throw inputError('members must contain 100 or fewer items');
    const missing = members.map((m) => m.userId).filter((userId) => !this.#activeUser(userId));
    if (missing.length > 0) {
      throw inputError(
        `The following users are specified in channel.members but don't exist: [${missing.join(' ')}], please create the user objects before setting up the channel`,
      );
    }
    const custom = channelCustom(data);
    const now = this.#now();
    const channel: ChannelRecord = {
      type,
      id: channelId,
      cid,
      ...(typeof data.team === 'string' ? { team: data.team } : {}),
      createdById,
      custom,
      frozen: data.frozen === true,
      disabled: data.disabled === true,
      createdAt: now,
      updatedAt: now,
      distinct: id === undefined,
      members: new Map(),
      messages: [],
      seq: ++this.#seq,
    };
    for (const member of members) channel.members.set(member.userId, { ...member, createdAt: now, updatedAt: now });
    this.channels.set(cid, channel);
    this.#emit('channel.created', channel, {
      user: this.#userJson(createdById),
      channel: { ...this.#channelJson(channel), members: this.#membersJson(channel, 100) },
    });
    return { response: this.#channelState(channel, body), created: true };
  }

  /** POST /channels/{type}/{id}: full data update and/or member changes, optional message. */
  updateChannel(type: string, id: string, body: Json): Json {
    this.#tick();
    const channel = this.#activeChannel(type, id);
    const add = body.add_members === undefined ? [] : parseMembers(body.add_members, 'add_members');
    const remove = body.remove_members === undefined ? [] : asStringList(body.remove_members, 'remove_members');
    if (add.length > 100) throw inputError('add_members must contain 100 or fewer items');
    if (remove.length > 100) throw inputError('remove_members must contain 100 or fewer items');
    const both = add.filter((m) => remove.includes(m.userId)).map((m) => m.userId);
    if (both.length > 0) throw inputError(`cannot add and remove the same users in one request: [${both.join(' ')}]`);
    if (add.length > 0 && channel.distinct) {
      throw notAllowed(
        "cannot add members to the distinct channel they don't belong to, please create a new distinct channel with the desired members",
      );
    }
    const missing = add.map((m) => m.userId).filter((userId) => !this.#activeUser(userId));
    if (missing.length > 0) {
      throw inputError(
        `The following users are involved in channel update operation, but don't exist: [${missing.join(' ')}]. Please create the user objects before setting up the channel.`,
      );
    }
    const data = body.data === undefined ? undefined : asObject(body.data, 'data');
    const custom = data === undefined ? undefined : channelCustom(data);
    const message = body.message === undefined ? undefined : this.#parseMessage(channel, body.message);

    const now = this.#now();
    for (const member of add) {
      if (!channel.members.has(member.userId))
        channel.members.set(member.userId, { ...member, createdAt: now, updatedAt: now });
    }
    for (const userId of remove) channel.members.delete(userId);
    if (data !== undefined && custom !== undefined) {
      channel.custom = custom;
      if (typeof data.team === 'string') channel.team = data.team;
      if (typeof data.frozen === 'boolean') channel.frozen = data.frozen;
      if (typeof data.disabled === 'boolean') channel.disabled = data.disabled;
    }
    channel.updatedAt = now;
    for (const member of add)
      this.#emit('member.added', channel, {
        member: this.#memberJson(channel, member.userId),
        user: this.#userJson(member.userId),
      });
    for (const userId of remove) this.#emit('member.removed', channel, { user: this.#userJson(userId) });
    if (data !== undefined) this.#emit('channel.updated', channel, { channel: this.#channelJson(channel) });
    const sent = message ? this.#appendMessage(channel, message) : undefined;
    return {
      channel: this.#channelJson(channel),
      members: this.#membersJson(channel, 100),
      ...(sent ? { message: sent } : {}),
    };
  }

  /** PATCH /channels/{type}/{id}: set/unset, other custom fields kept. */
  updateChannelPartial(type: string, id: string, body: Json): Json {
    this.#tick();
    const channel = this.#activeChannel(type, id);
    const set = body.set === undefined ? {} : asObject(body.set, 'set');
    const unset = body.unset === undefined ? [] : asStringList(body.unset, 'unset');
    for (const key of [...Object.keys(set), ...unset]) {
      const root = key.split('.')[0] ?? key;
      if (CHANNEL_PARTIAL_RESERVED.has(root)) throw notAllowed(`field \`${root}\` is reserved and cannot updated`);
    }
    let custom = channel.custom;
    for (const [key, value] of Object.entries(set)) {
      if (key === 'team') channel.team = String(value);
      else if (key === 'frozen' || key === 'disabled') channel[key] = value === true;
      else custom = setPath(custom, key, value);
    }
    for (const key of unset) {
      if (key === 'team') delete channel.team;
      else custom = unsetPath(custom, key);
    }
    checkCustomSize(custom);
    channel.custom = custom;
    channel.updatedAt = this.#now();
    this.#emit('channel.updated', channel, { channel: this.#channelJson(channel) });
    return { channel: this.#channelJson(channel), members: this.#membersJson(channel, 100) };
  }

  deleteChannel(type: string, id: string, hard: boolean): Json {
    this.#tick();
    const channel = this.#activeChannel(type, id);
    this.#deleteChannelRecord(channel, hard);
    return { channel: { ...this.#channelJson(channel, false), created_by: null } };
  }

  /** POST /channels/delete: channels leave queries at once; a task purges them. */
  deleteChannels(cids: unknown, hard: boolean): Json {
    this.#tick();
    const list = asStringList(cids, 'cids');
    if (list.length === 0) throw inputError('cids must contain at least 1 item');
    if (list.length > 100) throw inputError('cids must contain 100 or fewer items');
    const found = list
      .map((cid) => this.channels.get(cid))
      .filter((c): c is ChannelRecord => c !== undefined && c.deletedAt === undefined);
    if (found.length === 0) throw notFound('channels not found');
    const result: TaskRecord['result'] = {};
    for (const cid of list)
      result[cid] = found.some((c) => c.cid === cid)
        ? { status: 'ok' }
        : { status: 'error', error: 'channel not found' };
    for (const channel of found) this.#deleteChannelRecord(channel, false);
    const task = this.#createTask(result, hard ? () => found.forEach((c) => this.channels.delete(c.cid)) : undefined);
    return { task_id: task.id };
  }

  getTask(id: string): Json {
    this.#tick();
    const task = this.tasks.get(id);
    if (!task) throw notFound(`task ${id} does not exist`);
    const status: TaskStatus = task.completed ? 'completed' : 'pending';
    return {
      task_id: task.id,
      status,
      created_at: iso(task.createdAt),
      updated_at: iso(task.completed ? task.doneAt : task.createdAt),
      ...(task.completed ? { result: task.result } : {}),
    };
  }

  truncateChannel(type: string, id: string, body: Json): Json {
    this.#tick();
    const channel = this.#activeChannel(type, id);
    const at = typeof body.truncated_at === 'string' ? Date.parse(body.truncated_at) : this.#now();
    if (Number.isNaN(at)) throw inputError('truncated_at must be a valid date');
    const message = body.message === undefined ? undefined : this.#parseMessage(channel, body.message);
    channel.messages = channel.messages.filter((m) => m.createdAt > at);
    channel.truncatedAt = at;
    channel.updatedAt = this.#now();
    this.#emit('channel.truncated', channel, { channel: this.#channelJson(channel) });
    const sent = message ? this.#appendMessage(channel, message) : undefined;
    return { channel: this.#channelJson(channel), ...(sent ? { message: sent } : {}) };
  }

  // ---------------------------------------------------------------- messages

  sendMessage(type: string, id: string, body: Json): Json {
    this.#tick();
    const channel = this.#activeChannel(type, id);
    const message = this.#parseMessage(channel, body.message);
    return { message: this.#appendMessage(channel, message) };
  }

  // ---------------------------------------------------------------- queryChannels

  queryChannels(request: QueryChannelsRequest): Json {
    this.#tick();
    const limit = checkRange(request.limit, 'limit', 0, 30, 10);
    const offset = checkRange(request.offset, 'offset', 0, 1000, 0);
    const memberLimit = checkRange(request.member_limit, 'member_limit', 0, 100, 100);
    const messageLimit = checkRange(request.message_limit, 'message_limit', 0, 300, 25);
    const sort = checkSort(request.sort);
    const filter = request.filter_conditions ?? {};
    const options = { dateFields: CHANNEL_DATE_FIELDS, stringFields: new Set(['id', 'cid', 'type']) };
    const matched = [...this.channels.values()]
      .filter((c) => c.deletedAt === undefined)
      .filter((c) => matchesFilter(channelDoc(c), filter, options));
    const sorted = sortBy(
      matched,
      channelDoc,
      sort.length > 0 ? sort : [{ field: 'last_updated', direction: -1 }],
      CHANNEL_DATE_FIELDS,
    );
    return {
      channels: sorted
        .slice(offset, offset + limit)
        .map((channel) => this.#channelState(channel, { messages: { limit: messageLimit } }, memberLimit)),
    };
  }

  /** Every live message of a channel, oldest first (for invariants such as no-message-loss). */
  messagesOf(cid: string): readonly MessageRecord[] {
    return this.channels.get(cid)?.messages ?? [];
  }

  // ---------------------------------------------------------------- internals

  /** Complete due tasks: async work happens on the simulated clock, before any operation. */
  #tick(): void {
    const now = this.#now();
    for (const task of this.tasks.values()) {
      if (!task.completed && now >= task.doneAt) {
        task.completed = true;
        task.onComplete?.();
      }
    }
  }

  #createTask(result: TaskRecord['result'], onComplete?: () => void): TaskRecord {
    const now = this.#now();
    const task: TaskRecord = {
      id: this.nextUuid(),
      createdAt: now,
      doneAt: now + this.#taskDurationMs,
      result,
      completed: false,
      ...(onComplete ? { onComplete } : {}),
    };
    this.tasks.set(task.id, task);
    return task;
  }

  #deleteChannelRecord(channel: ChannelRecord, hard: boolean): void {
    const now = this.#now();
    channel.deletedAt = now;
    channel.updatedAt = now;
    this.#emit('channel.deleted', channel, { channel: this.#channelJson(channel) });
    if (hard) this.channels.delete(channel.cid);
  }

  #activeUser(id: string): UserRecord | undefined {
    const user = this.users.get(id);
    return user && user.deletedAt === undefined ? user : undefined;
  }

  #activeChannel(type: string, id: string): ChannelRecord {
    const cid = `${type}:${id}`;
    const channel = this.channels.get(cid);
    if (!channel || channel.deletedAt !== undefined) throw notFound(`Can't find channel with id ${cid}`);
    return channel;
  }

  #parseUser(key: string, raw: unknown): { id: string; role?: string; teams?: string[]; custom: Custom } {
    const item = asObject(raw, 'user');
    const id = item.id;
    if (typeof id !== 'string' || id === '') throw inputError('user.id is a required field');
    if (id !== key) throw inputError(`user id ${id} does not match its key ${key}`);
    if (id.length > 255 || !USER_ID_RE.test(id))
      throw inputError(`user id "${id}" can only contain letters, numbers, "@", "_" and "-"`);
    if (item.teams !== undefined) checkTeams(item.teams);
    const custom: Custom = {};
    for (const [k, v] of Object.entries(item)) if (!USER_BUILT_IN.has(k)) custom[k] = v;
    if (JSON.stringify(custom).length > MAX_CUSTOM_BYTES) throw inputError(`user ${id} custom data is larger than 5KB`);
    return {
      id,
      ...(typeof item.role === 'string' ? { role: item.role } : {}),
      ...(item.teams !== undefined ? { teams: [...(item.teams as string[])] } : {}),
      custom,
    };
  }

  #parseMessage(channel: ChannelRecord, raw: unknown): Omit<MessageRecord, 'createdAt' | 'updatedAt'> {
    const message = asObject(raw, 'message');
    const userId = creatorOf(message, 'message.user', 'when using server side auth', 'user', 'user_id');
    for (const reserved of ['created_at', 'updated_at'])
      if (reserved in message) throw inputError(`message.${reserved} is a reserved field`);
    let id: string;
    if (message.id !== undefined) {
      if (typeof message.id !== 'string' || message.id === '' || message.id.length > 255 || /[,%]/.test(message.id))
        throw inputError('message.id is invalid');
      id = message.id;
    } else {
      id = this.nextUuid();
    }
    if (this.#messageIds.has(id)) throw inputError(`a message with ID ${id} already exists`);
    if (message.text !== undefined && typeof message.text !== 'string')
      throw inputError('message.text must be a string');
    const text = message.text ?? '';
    if (text.length > MAX_MESSAGE_LENGTH)
      throw new StreamError(400, 20, `message is too long, max length is ${MAX_MESSAGE_LENGTH}`);
    const type = message.type ?? 'regular';
    if (type !== 'regular' && type !== 'system') throw inputError('message.type must be one of regular system');
    const custom: Custom = {};
    for (const [k, v] of Object.entries(message)) if (!MESSAGE_BUILT_IN.has(k)) custom[k] = v;
    return { id, text, type, userId, cid: channel.cid, custom };
  }

  #appendMessage(channel: ChannelRecord, parsed: Omit<MessageRecord, 'createdAt' | 'updatedAt'>): Json {
    const now = this.#now();
    const record: MessageRecord = { ...parsed, createdAt: now, updatedAt: now };
    this.#messageIds.add(record.id);
    channel.messages.push(record);
    channel.lastMessageAt = now;
    const message = renderMessage(record, this.users.get(record.userId));
    this.#emit('message.new', channel, {
      message,
      message_id: record.id,
      user: this.#userJson(record.userId),
      channel_member_count: channel.members.size,
      channel_message_count: channel.messages.length,
      watcher_count: 0,
    });
    return message;
  }

  #channelJson(channel: ChannelRecord, withCustom = true): Json {
    const json = renderChannel(channel, this.users.get(channel.createdById));
    if (withCustom) return json;
    for (const key of Object.keys(channel.custom)) delete json[key];
    return json;
  }

  #memberJson(channel: ChannelRecord, userId: string): Json | undefined {
    const member = channel.members.get(userId);
    return member ? renderMember(member, this.users.get(userId)) : undefined;
  }

  /** Members, most recently added first, at most `limit`. */
  #membersJson(channel: ChannelRecord, limit: number): Json[] {
    return [...channel.members.values()]
      .reverse()
      .slice(0, limit)
      .map((m) => renderMember(m, this.users.get(m.userId)));
  }

  #userJson(id: string): Json {
    const user = this.users.get(id);
    return user ? renderUser(user) : { id };
  }

  #channelState(channel: ChannelRecord, body: Json, memberLimit = 100): Json {
    const pagination =
      body.messages !== undefined && typeof body.messages === 'object' && body.messages !== null
        ? (body.messages as Json)
        : {};
    const messageLimit = typeof pagination.limit === 'number' ? pagination.limit : 25;
    const messages = messageLimit === 0 ? [] : channel.messages.slice(-messageLimit);
    return {
      channel: this.#channelJson(channel),
      members: this.#membersJson(channel, memberLimit),
      messages: messages.map((m) => renderMessage(m, this.users.get(m.userId))),
      pinned_messages: [],
      read: [],
      watchers: [],
      watcher_count: 0,
      threads: [],
    };
  }

  #emit(type: StreamEvent['type'], channel: ChannelRecord, extra: Json): void {
    if (this.#listeners.length === 0) return;
    const payload: Json = {
      type,
      cid: channel.cid,
      channel_id: channel.id,
      channel_type: channel.type,
      ...(channel.team === undefined ? {} : { team: channel.team }),
      ...extra,
      members: this.#membersJson(channel, 50),
      created_at: iso(this.#now()),
      request_info: { type: 'server' },
    };
    for (const listener of [...this.#listeners]) listener({ type, payload });
  }
}
