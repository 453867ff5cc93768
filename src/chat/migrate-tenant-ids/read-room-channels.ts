// The Stream channels of the given channel ids (type messaging, as the app creates them), read
// the way the audit reads channels: raw POST /channels by cid, 30 per request (Stream's page
// limit), members but no messages. A channel that does not exist is absent from the map.
import type { StreamChat } from 'stream-chat';
import { toListedChannel, type ListedChannel } from '../listed-channel.ts';

const pageSize = 30;

export async function readRoomChannels(
  stream: StreamChat,
  channelIds: readonly string[],
): Promise<Map<string, ListedChannel>> {
  const channels = new Map<string, ListedChannel>();
  const unique = [...new Set(channelIds)].sort();
  for (let at = 0; at < unique.length; at += pageSize) {
    const cids = unique.slice(at, at + pageSize).map((id) => `messaging:${id}`);
    const response = await stream.post<{ channels?: Parameters<typeof toListedChannel>[0][] }>(
      `${stream.baseURL}/channels`,
      {
        filter_conditions: { cid: { $in: cids } },
        sort: [],
        limit: pageSize,
        state: true,
        watch: false,
        presence: false,
        message_limit: 0,
        member_limit: 100,
      },
    );
    for (const state of response.channels ?? []) {
      const channel = toListedChannel(state);
      if (channel) channels.set(channel.id, channel);
    }
  }
  return channels;
}
