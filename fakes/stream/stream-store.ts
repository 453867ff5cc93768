/**
 * The Stream Chat fake's state and the service's rules, with no HTTP and no JSON in sight: every
 * method is one API operation on typed input (parsed by stream-requests.ts) returning records
 * (rendered by stream-responses.ts). A broken rule throws a StreamError carrying Stream's status
 * and code, and the handlers name the operation in the error body. `snapshot()` is the state as
 * plain data, for invariants and tests.
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
 *   sort of at most 5 fields; queryUsers: limit <= 100, offset <= 1000; the channel query's
 *   `messages` page: limit 0..300, id_lt/id_lte/id_gt/id_gte cursors (message-page.ts).
 * The rules a request can be checked for on its own (charsets, limits, reserved fields) are in
 * stream-input.ts and applied while parsing; those that need the state are here.
 * Time comes from the injected clock and ids from a counter, so a replay sees the same state.
 */
import type {
  ChannelData,
  ChannelPatch,
  ChannelQuery,
  ChannelUpdate,
  DeleteUsersInput,
  GetOrCreateChannel,
  MessageInput,
  TruncateInput,
  UserInput,
  UserPatch,
  UserQuery,
} from './stream-commands.ts';
import { setPath, unsetPath } from './dotted-path.ts';
import { matchesFilter } from './match-filter.ts';
import { channelDoc, sortBy, userDoc } from './query-docs.ts';
import { CreatedAtOrder, VersionedMap } from './created-at-order.ts';
import type { ChannelRecord, MemberRecord, MessageRecord, TaskRecord, UserRecord } from './stream-records.ts';
import { inputError, notAllowed, notFound } from './stream-error.ts';
import { checkCustomSize } from './stream-input.ts';

export interface StreamStoreOptions {
  /** Simulated wall clock, ms since epoch. */
  now: () => number;
  /** How long an async task (batch delete) takes on the simulated clock. Default 0. */
  taskDurationMs?: number;
}

const CHANNEL_DATE_FIELDS = new Set(['created_at', 'updated_at', 'last_message_at', 'last_updated', 'deleted_at']);
const USER_DATE_FIELDS = new Set(['created_at', 'updated_at', 'last_active', 'deleted_at']);

/** A domain event: what happened, to which records (stream-responses.ts renders Stream's payload). */
export type StoreEvent =
  | { type: 'channel.created'; channel: ChannelRecord; createdById: string }
  | { type: 'channel.updated' | 'channel.deleted' | 'channel.truncated'; channel: ChannelRecord }
  | { type: 'member.added' | 'member.removed'; channel: ChannelRecord; userId: string }
  | { type: 'message.new'; channel: ChannelRecord; message: MessageRecord };

/** The store's state as plain data, copied: reading it cannot change the fake. */
export interface StreamSnapshot {
  users: UserRecord[];
  channels: Array<Omit<ChannelRecord, 'members'> & { members: MemberRecord[] }>;
  tasks: Array<Omit<TaskRecord, 'onComplete'>>;
}

export class StreamStore {
  readonly #now: () => number;
  readonly #taskDurationMs: number;
  readonly users = new Map<string, UserRecord>();
  /** Versioned, so the created_at order of queries knows when to rebuild (set straight in freely). */
  readonly channels = new VersionedMap<string, ChannelRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly #messageIds = new Set<string>();
  readonly #listeners: Array<(event: StoreEvent) => void> = [];
  readonly #createdAtOrder = new CreatedAtOrder();
  #seq = 0;

  constructor(options: StreamStoreOptions) {
    this.#now = options.now;
    this.#taskDurationMs = options.taskDurationMs ?? 0;
  }

  now(): number {
    return this.#now();
  }

  /** Called, synchronously, for every event the service would emit (webhooks subscribe here). */
  onEvent(listener: (event: StoreEvent) => void): () => void {
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

  snapshot(): StreamSnapshot {
    const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
    return {
      users: [...this.users.values()].map((u) => copy(u)),
      channels: [...this.channels.values()].map(({ members, ...channel }) =>
        copy({ ...channel, members: [...members.values()] }),
      ),
      tasks: [...this.tasks.values()].map(({ onComplete: _, ...task }) => copy(task)),
    };
  }

  // ---------------------------------------------------------------- users

  /** Full upsert: a user's custom data is replaced; the batch was validated as a whole. */
  upsertUsers(users: readonly UserInput[]): UserRecord[] {
    this.#tick();
    const now = this.#now();
    return users.map((user) => {
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
      return record;
    });
  }

  partialUpdateUsers(patches: readonly UserPatch[]): UserRecord[] {
    this.#tick();
    for (const { id } of patches) if (!this.#activeUser(id)) throw inputError(`user "${id}" does not exist`);
    const now = this.#now();
    return patches.map(({ id, set, unset }) => {
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
      return user;
    });
  }

  queryUsers(query: UserQuery): UserRecord[] {
    this.#tick();
    const docs = [...this.users.values()]
      .filter((user) => user.deletedAt === undefined || query.includeDeactivated)
      .filter((user) => matchesFilter(userDoc(user), query.filter ?? {}, { dateFields: USER_DATE_FIELDS }));
    const sort =
      query.sort.length > 0
        ? query.sort
        : [
            { field: 'created_at', direction: -1 },
            { field: 'id', direction: -1 },
          ];
    return sortBy(docs, userDoc, sort, USER_DATE_FIELDS).slice(query.offset, query.offset + query.limit);
  }

  /** DELETE /users/{id}: the user as deleted (a hard delete also leaves every channel) and its task. */
  deleteUser(id: string, options: { hard: boolean }): { user: UserRecord; task: TaskRecord } {
    this.#tick();
    const user = this.users.get(id);
    if (!user || (user.deletedAt !== undefined && !options.hard)) throw notFound(`user ${id} does not exist`);
    const now = this.#now();
    user.deletedAt = now;
    user.updatedAt = now;
    const deleted = { ...user, teams: [...user.teams] };
    if (options.hard) {
      this.users.delete(id);
      for (const channel of this.channels.values()) channel.members.delete(id);
    }
    return { user: deleted, task: this.#createTask({ [id]: { status: 'ok' } }) };
  }

  /** POST /users/delete: users are marked deleted at once; a task does the rest (hard: purge). */
  deleteUsers(input: DeleteUsersInput): TaskRecord {
    this.#tick();
    const found = input.ids.map((id) => this.#activeUser(id)).filter((u): u is UserRecord => u !== undefined);
    const now = this.#now();
    for (const user of found) {
      user.deletedAt = now;
      user.updatedAt = now;
    }
    const result: TaskRecord['result'] = {};
    for (const id of input.ids)
      result[id] = found.some((u) => u.id === id)
        ? { status: 'ok' }
        : { status: 'error', error: `user ${id} does not exist` };
    const purge = () => {
      for (const user of found) {
        this.users.delete(user.id);
        for (const channel of this.channels.values()) channel.members.delete(user.id);
      }
    };
    return this.#createTask(result, input.hard ? purge : undefined);
  }

  // ---------------------------------------------------------------- channels

  /** POST /channels/{type}/{id}/query, and /channels/{type}/query (id from the members). */
  getOrCreateChannel(request: GetOrCreateChannel): { channel: ChannelRecord; created: boolean } {
    this.#tick();
    const { type, id, data } = request;
    const cid = `${type}:${id}`;
    const existing = this.channels.get(cid);
    if (existing && existing.deletedAt === undefined) return { channel: existing, created: false };

    const createdById = this.#creator(data);
    if (data.members.length > 100) throw inputError('members must contain 100 or fewer items');
    const missing = data.members.map((m) => m.userId).filter((userId) => !this.#activeUser(userId));
    if (missing.length > 0) {
      throw inputError(
        `The following users are specified in channel.members but don't exist: [${missing.join(' ')}], please create the user objects before setting up the channel`,
      );
    }
    checkCustomSize(data.custom);
    const now = this.#now();
    const channel: ChannelRecord = {
      type,
      id,
      cid,
      ...(data.team !== undefined ? { team: data.team } : {}),
      createdById,
      custom: data.custom,
      frozen: data.frozen === true,
      disabled: data.disabled === true,
      createdAt: now,
      updatedAt: now,
      distinct: request.distinct,
      members: new Map(),
      messages: [],
      seq: ++this.#seq,
    };
    for (const member of data.members)
      channel.members.set(member.userId, { ...member, createdAt: now, updatedAt: now });
    this.channels.set(cid, channel);
    this.#emit({ type: 'channel.created', channel, createdById });
    return { channel, created: true };
  }

  /** POST /channels/{type}/{id}: full data update and/or member changes, optional message. */
  updateChannel(type: string, id: string, update: ChannelUpdate): { channel: ChannelRecord; message?: MessageRecord } {
    this.#tick();
    const channel = this.#activeChannel(type, id);
    if (update.add.length > 0 && channel.distinct) {
      throw notAllowed(
        "cannot add members to the distinct channel they don't belong to, please create a new distinct channel with the desired members",
      );
    }
    const missing = update.add.map((m) => m.userId).filter((userId) => !this.#activeUser(userId));
    if (missing.length > 0) {
      throw inputError(
        `The following users are involved in channel update operation, but don't exist: [${missing.join(' ')}]. Please create the user objects before setting up the channel.`,
      );
    }
    const message = update.message === undefined ? undefined : this.#checkMessage(update.message);

    const now = this.#now();
    for (const member of update.add) {
      if (!channel.members.has(member.userId))
        channel.members.set(member.userId, { ...member, createdAt: now, updatedAt: now });
    }
    for (const userId of update.remove) channel.members.delete(userId);
    const { data } = update;
    if (data !== undefined) {
      channel.custom = data.custom;
      if (data.team !== undefined) channel.team = data.team;
      if (data.frozen !== undefined) channel.frozen = data.frozen;
      if (data.disabled !== undefined) channel.disabled = data.disabled;
    }
    channel.updatedAt = now;
    for (const member of update.add) this.#emit({ type: 'member.added', channel, userId: member.userId });
    for (const userId of update.remove) this.#emit({ type: 'member.removed', channel, userId });
    if (data !== undefined) this.#emit({ type: 'channel.updated', channel });
    const sent = message ? this.#appendMessage(channel, message) : undefined;
    return { channel, ...(sent ? { message: sent } : {}) };
  }

  /** PATCH /channels/{type}/{id}: set/unset, other custom fields kept. */
  updateChannelPartial(type: string, id: string, patch: ChannelPatch): ChannelRecord {
    this.#tick();
    const channel = this.#activeChannel(type, id);
    let custom = channel.custom;
    for (const [key, value] of Object.entries(patch.set)) {
      if (key === 'team') channel.team = String(value);
      else if (key === 'frozen' || key === 'disabled') channel[key] = value === true;
      else custom = setPath(custom, key, value);
    }
    for (const key of patch.unset) {
      if (key === 'team') delete channel.team;
      else custom = unsetPath(custom, key);
    }
    checkCustomSize(custom);
    channel.custom = custom;
    channel.updatedAt = this.#now();
    this.#emit({ type: 'channel.updated', channel });
    return channel;
  }

  deleteChannel(type: string, id: string, hard: boolean): ChannelRecord {
    this.#tick();
    const channel = this.#activeChannel(type, id);
    this.#deleteChannelRecord(channel, hard);
    return channel;
  }

  /** POST /channels/delete: channels leave queries at once; a task purges them. */
  deleteChannels(cids: readonly string[], hard: boolean): TaskRecord {
    this.#tick();
    const found = cids
      .map((cid) => this.channels.get(cid))
      .filter((c): c is ChannelRecord => c !== undefined && c.deletedAt === undefined);
    if (found.length === 0) throw notFound('channels not found');
    const result: TaskRecord['result'] = {};
    for (const cid of cids)
      result[cid] = found.some((c) => c.cid === cid)
        ? { status: 'ok' }
        : { status: 'error', error: 'channel not found' };
    for (const channel of found) this.#deleteChannelRecord(channel, false);
    return this.#createTask(result, hard ? () => found.forEach((c) => this.#purge(c)) : undefined);
  }

  getTask(id: string): TaskRecord {
    this.#tick();
    const task = this.tasks.get(id);
    if (!task) throw notFound(`task ${id} does not exist`);
    return task;
  }

  truncateChannel(type: string, id: string, input: TruncateInput): { channel: ChannelRecord; message?: MessageRecord } {
    this.#tick();
    const channel = this.#activeChannel(type, id);
    const at = input.truncatedAt ?? this.#now();
    const message = input.message === undefined ? undefined : this.#checkMessage(input.message);
    channel.messages = channel.messages.filter((m) => m.createdAt > at);
    channel.truncatedAt = at;
    channel.updatedAt = this.#now();
    this.#emit({ type: 'channel.truncated', channel });
    const sent = message ? this.#appendMessage(channel, message) : undefined;
    return { channel, ...(sent ? { message: sent } : {}) };
  }

  // ---------------------------------------------------------------- messages

  sendMessage(type: string, id: string, input: MessageInput): MessageRecord {
    this.#tick();
    const channel = this.#activeChannel(type, id);
    // "Freezing a channel prevents users from sending new messages ... Sending a message to a
    // frozen channel returns an error" (Stream's freezing_channels docs; reactions are documented
    // as 403 Not Allowed, the message error's exact code is unconfirmed: the same is used).
    if (channel.frozen) throw notAllowed(`SendMessage failed with error: "channel ${channel.cid} is frozen"`);
    return this.#appendMessage(channel, this.#checkMessage(input));
  }

  // ---------------------------------------------------------------- queryChannels

  queryChannels(query: ChannelQuery): ChannelRecord[] {
    this.#tick();
    const options = { dateFields: CHANNEL_DATE_FIELDS, stringFields: new Set(['id', 'cid', 'type']) };
    // Keyset listings (sorted by created_at alone) take a path that does not scan the whole app.
    const fast = this.#createdAtOrder.query(this.channels, query, options);
    if (fast) return fast;
    const matched = [...this.channels.values()]
      .filter((c) => c.deletedAt === undefined)
      .filter((c) => matchesFilter(channelDoc(c), query.filter ?? {}, options));
    const sorted = sortBy(
      matched,
      channelDoc,
      query.sort.length > 0 ? query.sort : [{ field: 'last_updated', direction: -1 }],
      CHANNEL_DATE_FIELDS,
    );
    return sorted.slice(query.offset, query.offset + query.limit);
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
    this.#emit({ type: 'channel.deleted', channel });
    if (hard) this.#purge(channel);
  }

  /**
   * A hard delete removes the channel and its messages for good, so their ids may be used again
   * (an assumption: the docs say the messages are deleted permanently, not whether ids stay taken).
   */
  #purge(channel: ChannelRecord): void {
    this.channels.delete(channel.cid);
    for (const message of channel.messages) this.#messageIds.delete(message.id);
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

  /** A creator is required only when the channel is created (get-or-create ignores `data` otherwise). */
  #creator(data: ChannelData): string {
    if (typeof data.createdBy !== 'string') throw data.createdBy;
    return data.createdBy;
  }

  /** The message's id: the one given if not taken, else the next from the counter. */
  #checkMessage(input: MessageInput): MessageInput & { id: string } {
    const id = input.id ?? this.nextUuid();
    if (this.#messageIds.has(id)) throw inputError(`a message with ID ${id} already exists`);
    return { ...input, id };
  }

  #appendMessage(channel: ChannelRecord, input: MessageInput & { id: string }): MessageRecord {
    const now = this.#now();
    const record: MessageRecord = {
      id: input.id,
      text: input.text,
      type: input.type,
      userId: input.userId,
      cid: channel.cid,
      custom: input.custom,
      createdAt: now,
      updatedAt: now,
    };
    this.#messageIds.add(record.id);
    channel.messages.push(record);
    channel.lastMessageAt = now;
    this.#emit({ type: 'message.new', channel, message: record });
    return record;
  }

  #emit(event: StoreEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}
