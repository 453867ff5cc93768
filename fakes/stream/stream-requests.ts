/**
 * Stream's request bodies -> the store's typed input (stream-commands.ts), in the handler layer.
 * Everything a request can be checked for on its own is checked here, with Stream's error texts
 * (code 4 input errors): shapes, charsets, limits, reserved fields. Pure: no state, no clock.
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
import { HOOK_TYPES, webhookUrlProblem, type AppSettingsPatch, type EventHookInput } from './app-settings.ts';
import type { MessagePagination } from './message-page.ts';
import { inputError, notAllowed, StreamError } from './stream-error.ts';
import type { Custom } from './stream-records.ts';
import {
  asObject,
  asStringList,
  channelCustom,
  channelCustomFields,
  checkChannelId,
  checkChannelType,
  checkRange,
  checkSort,
  checkTeams,
  creatorOf,
  distinctId,
  MAX_CUSTOM_BYTES,
  parseMembers,
} from './stream-input.ts';

type Json = Record<string, unknown>;

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
const MAX_MESSAGE_LENGTH = 5000;
const USER_ID_RE = /^[@\w-]+$/;

/** POST /users `users`: a map of id to user, 1 to 100, validated as a whole (one bad user fails the batch). */
export function parseUpsertUsers(input: unknown): UserInput[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw inputError('users must be a map of user id to user');
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length === 0) throw inputError('users must contain at least one user');
  if (entries.length > 100) throw inputError('users must contain 100 or fewer users');
  return entries.map(([key, raw]) => parseUser(key, raw));
}

function parseUser(key: string, raw: unknown): UserInput {
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

/** PATCH /users `users`: a list of {id, set, unset}. */
export function parseUserPatches(input: unknown): UserPatch[] {
  if (!Array.isArray(input) || input.length === 0) throw inputError('users must be a non-empty list');
  if (input.length > 100) throw inputError('users must contain 100 or fewer users');
  return input.map((raw) => {
    const item = asObject(raw, 'user');
    const id = item.id;
    if (typeof id !== 'string' || id === '') throw inputError('user.id is a required field');
    const set = item.set === undefined ? {} : asObject(item.set, 'set');
    const unset = item.unset === undefined ? [] : asStringList(item.unset, 'unset');
    for (const key of Object.keys(set))
      if (key === 'id' || key === 'created_at' || key === 'updated_at') throw inputError(`field ${key} is reserved`);
    if ('teams' in set) checkTeams(set.teams);
    return { id, set, unset };
  });
}

/** GET /users `payload` (JSON in the query string). */
export function parseUserQuery(url: URL): UserQuery {
  const raw = url.searchParams.get('payload');
  if (raw === null) throw new StreamError(400, 4, 'payload is required');
  let payload: Json;
  try {
    payload = JSON.parse(raw) as Json;
  } catch {
    throw new StreamError(400, 4, 'payload must be valid JSON');
  }
  return {
    limit: checkRange(payload.limit, 'limit', 0, 100, 30),
    offset: checkRange(payload.offset, 'offset', 0, 1000, 0),
    filter: payload.filter_conditions ?? {},
    sort: checkSort(payload.sort),
    includeDeactivated: payload.include_deactivated_users === true,
  };
}

/** POST /users/delete. */
export function parseDeleteUsers(body: Json): DeleteUsersInput {
  const ids = asStringList(body.user_ids, 'user_ids');
  if (ids.length === 0) throw inputError('user_ids must contain at least 1 item');
  if (ids.length > 100) throw inputError('user_ids must contain 100 or fewer items');
  for (const key of ['user', 'messages', 'conversations'] as const) {
    const mode = body[key];
    if (mode !== undefined && mode !== 'soft' && mode !== 'hard' && !(key !== 'conversations' && mode === 'pruning'))
      throw inputError(`${key} must be one of soft hard${key === 'conversations' ? '' : ' pruning'}`);
  }
  return { ids, hard: body.user === 'hard' || body.user === 'pruning' };
}

/** POST /channels/{type}[/{id}]/query: without an id, the channel is the distinct one of its members. */
export function parseGetOrCreate(type: string, id: string | undefined, body: Json): GetOrCreateChannel {
  checkChannelType(type);
  const raw = body.data === undefined ? {} : asObject(body.data, 'data');
  const members = parseMembers(raw.members, 'members');
  let channelId: string;
  if (id === undefined) {
    const ids = [...new Set(members.map((m) => m.userId))];
    if (ids.length < 2) throw inputError('When using member based IDs specify at least 2 members');
    channelId = distinctId(ids);
  } else {
    checkChannelId(id);
    channelId = id;
  }
  const data: ChannelData = {
    members,
    createdBy: deferred(() => creatorOf(raw, 'data.created_by', 'when using server side auth')),
    ...(typeof raw.team === 'string' ? { team: raw.team } : {}),
    ...(typeof raw.frozen === 'boolean' ? { frozen: raw.frozen } : {}),
    ...(typeof raw.disabled === 'boolean' ? { disabled: raw.disabled } : {}),
    // Unchecked: the size only matters when the channel is created (the store checks it then).
    custom: channelCustomFields(raw),
  };
  return { type, id: channelId, distinct: id === undefined, data };
}

/**
 * POST /channels/{type}/{id}/query `messages`: which messages the state shows (message-page.ts).
 * `limit` has queryChannels' message_limit range (0..300, default 25); whether the real service
 * refuses or clamps a larger one is unconfirmed, and refusing is what the fake does there too.
 */
export function parseMessagePagination(body: Json): MessagePagination {
  const raw = body.messages === undefined || body.messages === null ? {} : asObject(body.messages, 'messages');
  const page: MessagePagination = { limit: checkRange(raw.limit, 'messages.limit', 0, 300, 25) };
  const ids = { id_lt: 'idLt', id_lte: 'idLte', id_gt: 'idGt', id_gte: 'idGte' } as const;
  for (const [key, field] of Object.entries(ids)) {
    const id = raw[key];
    if (id === undefined || id === null) continue;
    if (typeof id !== 'string' || id === '') throw inputError(`messages.${key} must be a non-empty string`);
    page[field] = id;
  }
  return page;
}

/** POST /channels/{type}/{id}. */
export function parseChannelUpdate(body: Json): ChannelUpdate {
  const add = body.add_members === undefined ? [] : parseMembers(body.add_members, 'add_members');
  const remove = body.remove_members === undefined ? [] : asStringList(body.remove_members, 'remove_members');
  if (add.length > 100) throw inputError('add_members must contain 100 or fewer items');
  if (remove.length > 100) throw inputError('remove_members must contain 100 or fewer items');
  const both = add.filter((m) => remove.includes(m.userId)).map((m) => m.userId);
  if (both.length > 0) throw inputError(`cannot add and remove the same users in one request: [${both.join(' ')}]`);
  const raw = body.data === undefined ? undefined : asObject(body.data, 'data');
  const data =
    raw === undefined
      ? undefined
      : {
          custom: channelCustom(raw),
          ...(typeof raw.team === 'string' ? { team: raw.team } : {}),
          ...(typeof raw.frozen === 'boolean' ? { frozen: raw.frozen } : {}),
          ...(typeof raw.disabled === 'boolean' ? { disabled: raw.disabled } : {}),
        };
  return {
    add,
    remove,
    ...(data ? { data } : {}),
    ...optionalMessage(body.message),
  };
}

/** PATCH /channels/{type}/{id}: set/unset, never a reserved field. */
export function parseChannelPatch(body: Json): ChannelPatch {
  const set = body.set === undefined ? {} : asObject(body.set, 'set');
  const unset = body.unset === undefined ? [] : asStringList(body.unset, 'unset');
  for (const key of [...Object.keys(set), ...unset]) {
    const root = key.split('.')[0] ?? key;
    if (CHANNEL_PARTIAL_RESERVED.has(root)) throw notAllowed(`field \`${root}\` is reserved and cannot updated`);
  }
  return { set, unset };
}

/** POST /channels/delete `cids`. */
export function parseCids(value: unknown): string[] {
  const list = asStringList(value, 'cids');
  if (list.length === 0) throw inputError('cids must contain at least 1 item');
  if (list.length > 100) throw inputError('cids must contain 100 or fewer items');
  return list;
}

/** POST /channels/{type}/{id}/truncate. */
export function parseTruncate(body: Json): TruncateInput {
  let truncatedAt: number | undefined;
  if (typeof body.truncated_at === 'string') {
    truncatedAt = Date.parse(body.truncated_at);
    if (Number.isNaN(truncatedAt)) throw inputError('truncated_at must be a valid date');
  }
  return {
    ...(truncatedAt === undefined ? {} : { truncatedAt }),
    ...optionalMessage(body.message),
  };
}

/**
 * A message a request MAY carry (update, add/remove members, truncate). `null` counts as absent,
 * as the real service treats it: the Python SDK sends `"message": null` whenever the caller
 * passes none. Anything else that is not an object is still a 400.
 */
function optionalMessage(raw: unknown): { message?: MessageInput } {
  return raw === undefined || raw === null ? {} : { message: parseMessage(raw) };
}

/** A message as sent: exactly one sender, no reserved timestamps, a valid id if any, at most 5000 characters. */
export function parseMessage(raw: unknown): MessageInput {
  const message = asObject(raw, 'message');
  const userId = creatorOf(message, 'message.user', 'when using server side auth', 'user', 'user_id');
  for (const reserved of ['created_at', 'updated_at'])
    if (reserved in message) throw inputError(`message.${reserved} is a reserved field`);
  if (message.id !== undefined) {
    if (typeof message.id !== 'string' || message.id === '' || message.id.length > 255 || /[,%]/.test(message.id))
      throw inputError('message.id is invalid');
  }
  if (message.text !== undefined && typeof message.text !== 'string') throw inputError('message.text must be a string');
  const text = message.text ?? '';
  if (text.length > MAX_MESSAGE_LENGTH)
    throw new StreamError(400, 20, `message is too long, max length is ${MAX_MESSAGE_LENGTH}`);
  const type = message.type ?? 'regular';
  if (type !== 'regular' && type !== 'system') throw inputError('message.type must be one of regular system');
  const custom: Custom = {};
  for (const [k, v] of Object.entries(message)) if (!MESSAGE_BUILT_IN.has(k)) custom[k] = v;
  return { ...(typeof message.id === 'string' ? { id: message.id } : {}), text, type, userId, custom };
}

/** The value, or the StreamError computing it raised (for a rule that applies only in some cases). */
function deferred<T>(compute: () => T): T | StreamError {
  try {
    return compute();
  } catch (error) {
    if (error instanceof StreamError) return error;
    throw error;
  }
}

/** POST /channels (queryChannels). */
export function parseChannelQuery(body: Json): ChannelQuery {
  return {
    limit: checkRange(body.limit, 'limit', 0, 30, 10),
    offset: checkRange(body.offset, 'offset', 0, 1000, 0),
    memberLimit: checkRange(body.member_limit, 'member_limit', 0, 100, 100),
    messageLimit: checkRange(body.message_limit, 'message_limit', 0, 300, 25),
    sort: checkSort(body.sort),
    filter: body.filter_conditions ?? {},
  };
}

/**
 * PATCH /app: the webhook settings (app-settings.ts); other app settings are accepted and not
 * modelled. `null` leaves a setting as it is, like an absent one. An event hook's `enabled`
 * defaults to false (the zero value of the service's Go struct; unconfirmed) and its
 * `event_types` to [] (every event).
 */
export function parseAppSettingsPatch(body: Json): AppSettingsPatch {
  const patch: AppSettingsPatch = { explicitDeletion: body.explicit_event_hooks_deletion === true };
  if (body.webhook_url !== undefined && body.webhook_url !== null) {
    if (typeof body.webhook_url !== 'string') throw inputError('webhook_url must be a string');
    patch.webhookUrl = checkWebhookUrl(body.webhook_url, 'webhook_url', true);
  }
  if (body.webhook_events !== undefined && body.webhook_events !== null)
    patch.webhookEvents = asStringList(body.webhook_events, 'webhook_events');
  if (body.event_hooks !== undefined && body.event_hooks !== null) {
    if (!Array.isArray(body.event_hooks)) throw inputError('event_hooks must be a list');
    patch.eventHooks = body.event_hooks.map(parseEventHook);
  }
  return patch;
}

function parseEventHook(raw: unknown): EventHookInput {
  const {
    id,
    hook_type,
    enabled,
    event_types,
    webhook_url,
    delete: remove,
    ...custom
  } = asObject(raw, 'event_hooks[]');
  if (id !== undefined && (typeof id !== 'string' || id === '')) throw inputError('event_hooks[].id must be a string');
  if (typeof hook_type !== 'string' || !(HOOK_TYPES as readonly string[]).includes(hook_type))
    throw inputError(`event_hooks[].hook_type must be one of ${HOOK_TYPES.join(' ')}`);
  if (enabled !== undefined && typeof enabled !== 'boolean')
    throw inputError('event_hooks[].enabled must be a boolean');
  const url = webhook_url === undefined || webhook_url === null ? undefined : webhook_url;
  if (url !== undefined && typeof url !== 'string') throw inputError('event_hooks[].webhook_url must be a string');
  if (hook_type === 'webhook' && enabled === true && !url)
    throw inputError('event_hooks[].webhook_url is required for an enabled webhook hook');
  return {
    ...(id === undefined ? {} : { id }),
    hookType: hook_type,
    enabled: enabled === true,
    eventTypes:
      event_types === undefined || event_types === null ? [] : asStringList(event_types, 'event_hooks[].event_types'),
    ...(url ? { webhookUrl: checkWebhookUrl(url, 'event_hooks[].webhook_url', false) } : {}),
    custom,
    delete: remove === true,
  };
}

function checkWebhookUrl(value: string, name: string, emptyAllowed: boolean): string {
  if (value === '' && emptyAllowed) return value;
  const problem = webhookUrlProblem(value);
  if (problem) throw inputError(`${name} ${problem}`);
  return value;
}
