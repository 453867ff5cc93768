/**
 * Records -> Stream's JSON. Custom fields are inlined at the top level, beside the built-in
 * fields (never nested under `custom`), and can never shadow a built-in field. Timestamps are
 * RFC 3339 strings of the simulated clock.
 */
import type { ChannelRecord, Custom, MemberRecord, MessageRecord, UserRecord } from './stream-records.ts';

export const iso = (ms: number): string => new Date(ms).toISOString();

const inline = (custom: Custom, builtIn: Record<string, unknown>): Record<string, unknown> => ({
  ...custom,
  ...builtIn,
});

export function renderUser(user: UserRecord): Record<string, unknown> {
  return inline(user.custom, {
    id: user.id,
    role: user.role,
    teams: [...user.teams],
    language: '',
    created_at: iso(user.createdAt),
    updated_at: iso(user.updatedAt),
    ...(user.deletedAt === undefined ? {} : { deleted_at: iso(user.deletedAt) }),
    banned: false,
    online: false,
    blocked_user_ids: [],
    shadow_banned: false,
    invisible: false,
  });
}

export function renderMember(member: MemberRecord, user: UserRecord | undefined): Record<string, unknown> {
  return inline(member.custom, {
    user_id: member.userId,
    user: user ? renderUser(user) : { id: member.userId },
    created_at: iso(member.createdAt),
    updated_at: iso(member.updatedAt),
    banned: false,
    shadow_banned: false,
    role: member.channelRole === 'channel_moderator' ? 'moderator' : 'member',
    channel_role: member.channelRole,
    notifications_muted: false,
    status: 'member',
  });
}

export function renderMessage(message: MessageRecord, user: UserRecord | undefined): Record<string, unknown> {
  return inline(message.custom, {
    id: message.id,
    text: message.text,
    html: message.text === '' ? '' : `<p>${message.text}</p>\n`,
    type: message.type,
    user: user ? renderUser(user) : { id: message.userId },
    attachments: [],
    latest_reactions: [],
    own_reactions: [],
    reaction_counts: {},
    reaction_scores: {},
    reply_count: 0,
    deleted_reply_count: 0,
    cid: message.cid,
    created_at: iso(message.createdAt),
    updated_at: iso(message.updatedAt),
    shadowed: false,
    mentioned_users: [],
    silent: false,
    pinned: false,
    pinned_at: null,
  });
}

const CONFIG = {
  name: 'messaging',
  typing_events: true,
  read_events: true,
  connect_events: true,
  search: true,
  reactions: true,
  replies: true,
  mutes: true,
  uploads: true,
  url_enrichment: true,
  max_message_length: 5000,
  automod: 'disabled',
  commands: [],
};

export function renderChannel(channel: ChannelRecord, creator: UserRecord | undefined): Record<string, unknown> {
  return inline(channel.custom, {
    id: channel.id,
    type: channel.type,
    cid: channel.cid,
    created_at: iso(channel.createdAt),
    updated_at: iso(channel.updatedAt),
    ...(channel.lastMessageAt === undefined ? {} : { last_message_at: iso(channel.lastMessageAt) }),
    ...(channel.deletedAt === undefined ? {} : { deleted_at: iso(channel.deletedAt) }),
    ...(channel.truncatedAt === undefined ? {} : { truncated_at: iso(channel.truncatedAt) }),
    created_by: creator ? renderUser(creator) : null,
    frozen: channel.frozen,
    disabled: channel.disabled,
    member_count: channel.members.size,
    ...(channel.team === undefined ? {} : { team: channel.team }),
    config: { ...CONFIG, name: channel.type },
    own_capabilities: [],
  });
}
