// What the audit keeps of a Stream channel: enough to match it to a room and judge it, nothing
// more (no messages, no member objects), so a page of 30 stays small.

export interface ListedChannel {
  readonly cid: string;
  readonly id: string;
  readonly type: string;
  readonly team: string | null;
  /** The channel's custom `gym_id`, as text (the app wrote strings, e.g. '5'; numbers are normalised). */
  readonly gymId: string | null;
  /** The channel's custom `name` (what the app shows for its room), when it has one. */
  readonly name?: string;
  readonly createdAt: string;
  readonly memberIds: readonly string[];
}

interface ChannelJson {
  cid?: unknown;
  id?: unknown;
  type?: unknown;
  team?: unknown;
  gym_id?: unknown;
  name?: unknown;
  created_at?: unknown;
}

interface ChannelStateJson {
  channel?: ChannelJson;
  members?: readonly { user_id?: unknown; user?: { id?: unknown } }[];
}

const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

/** Reads one entry of a queryChannels response; undefined when it has no channel id. */
export function toListedChannel(state: ChannelStateJson): ListedChannel | undefined {
  const channel = state.channel;
  const id = text(channel?.id);
  const type = text(channel?.type);
  if (!channel || id === null || type === null) return undefined;
  const memberIds = (state.members ?? [])
    .map((member) => text(member.user_id) ?? text(member.user?.id))
    .filter((member): member is string => member !== null)
    .sort();
  return {
    cid: text(channel.cid) ?? `${type}:${id}`,
    id,
    type,
    team: text(channel.team),
    gymId: text(channel.gym_id),
    ...(typeof channel.name === 'string' ? { name: channel.name } : {}),
    createdAt: text(channel.created_at) ?? '',
    memberIds,
  };
}
