/**
 * The store's records -> Stream's JSON responses and webhook payloads, in the handler layer
 * (render-stream.ts renders one record; this assembles what an endpoint or an event sends).
 * Rendering reads the store only to name the users a record refers to.
 */
import type { AppSettings } from './app-settings.ts';
import { messagePage, type MessagePagination } from './message-page.ts';
import { renderChannel, renderMember, renderMessage, renderUser, iso } from './render-stream.ts';
import type {
  ChannelRecord,
  MessageRecord,
  StreamEvent,
  TaskRecord,
  TaskStatus,
  UserRecord,
} from './stream-records.ts';
import type { StoreEvent, StreamStore } from './stream-store.ts';

type Json = Record<string, unknown>;

/** `{ users: { id: user } }`, as the user upserts answer. */
export function usersById(users: readonly UserRecord[]): Json {
  const out: Json = {};
  for (const user of users) out[user.id] = renderUser(user);
  return { users: out };
}

export function userJson(store: StreamStore, id: string): Json {
  const user = store.users.get(id);
  return user ? renderUser(user) : { id };
}

export function channelJson(store: StreamStore, channel: ChannelRecord, withCustom = true): Json {
  const json = renderChannel(channel, store.users.get(channel.createdById));
  if (withCustom) return json;
  for (const key of Object.keys(channel.custom)) delete json[key];
  return json;
}

export function memberJson(store: StreamStore, channel: ChannelRecord, userId: string): Json | undefined {
  const member = channel.members.get(userId);
  return member ? renderMember(member, store.users.get(userId)) : undefined;
}

/** Members, most recently added first, at most `limit`. */
export function membersJson(store: StreamStore, channel: ChannelRecord, limit: number): Json[] {
  return [...channel.members.values()]
    .reverse()
    .slice(0, limit)
    .map((m) => renderMember(m, store.users.get(m.userId)));
}

export function messageJson(store: StreamStore, message: MessageRecord): Json {
  return renderMessage(message, store.users.get(message.userId));
}

/** A channel's state as get-or-create and queryChannels answer it: the page of messages asked for. */
export function channelStateJson(
  store: StreamStore,
  channel: ChannelRecord,
  page: MessagePagination,
  memberLimit = 100,
): Json {
  const messages = messagePage(channel.messages, page);
  return {
    channel: channelJson(store, channel),
    members: membersJson(store, channel, memberLimit),
    messages: messages.map((m) => messageJson(store, m)),
    pinned_messages: [],
    read: [],
    watchers: [],
    watcher_count: 0,
    threads: [],
  };
}

/**
 * GET /app's `app`: the webhook settings the fake keeps, and fixed values for the fields the
 * SDK's type requires, describing the only kind of app the fake is (v1 permissions, one team).
 */
export function appJson(app: AppSettings): Json {
  return {
    name: 'syncsim',
    webhook_url: app.webhookUrl,
    webhook_events: [...app.webhookEvents],
    event_hooks: app.eventHooks.map((hook) => ({
      ...hook.custom,
      id: hook.id,
      hook_type: hook.hookType,
      enabled: hook.enabled,
      event_types: [...hook.eventTypes],
      ...(hook.webhookUrl === undefined ? {} : { webhook_url: hook.webhookUrl }),
      created_at: iso(hook.createdAt),
      updated_at: iso(hook.updatedAt),
    })),
    multi_tenant_enabled: false,
    permission_version: 'v1',
    disable_auth_checks: false,
    disable_permissions_checks: false,
    channel_configs: {},
    call_types: {},
    reminders_interval: 0,
  };
}

export function taskJson(task: TaskRecord): Json {
  const status: TaskStatus = task.completed ? 'completed' : 'pending';
  return {
    task_id: task.id,
    status,
    created_at: iso(task.createdAt),
    updated_at: iso(task.completed ? task.doneAt : task.createdAt),
    ...(task.completed ? { result: task.result } : {}),
  };
}

/** A store event as Stream's webhook payload; called when the event happens, so it shows that moment's state. */
export function renderEvent(store: StreamStore, event: StoreEvent): StreamEvent {
  const { channel } = event;
  const payload: Json = {
    type: event.type,
    cid: channel.cid,
    channel_id: channel.id,
    channel_type: channel.type,
    ...(channel.team === undefined ? {} : { team: channel.team }),
    ...eventFields(store, event),
    members: membersJson(store, channel, 50),
    created_at: iso(store.now()),
    request_info: { type: 'server' },
  };
  return { type: event.type, payload };
}

function eventFields(store: StreamStore, event: StoreEvent): Json {
  const { channel } = event;
  switch (event.type) {
    case 'channel.created':
      return {
        user: userJson(store, event.createdById),
        channel: { ...channelJson(store, channel), members: membersJson(store, channel, 100) },
      };
    case 'member.added':
      return { member: memberJson(store, channel, event.userId), user: userJson(store, event.userId) };
    case 'member.removed':
      return { user: userJson(store, event.userId) };
    case 'message.new':
      return {
        message: messageJson(store, event.message),
        message_id: event.message.id,
        user: userJson(store, event.message.userId),
        channel_member_count: channel.members.size,
        channel_message_count: channel.messages.length,
        watcher_count: 0,
      };
    default:
      return { channel: channelJson(store, channel) };
  }
}
