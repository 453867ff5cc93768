// One channel by cid, read the way the audit reads channels (raw POST /channels, no SDK cache,
// no messages): what the webhook handler and the repair need to judge a channel.
import type { StreamChat } from 'stream-chat';
import { toListedChannel, type ListedChannel } from './listed-channel.ts';

export async function getListedChannel(client: StreamChat, cid: string): Promise<ListedChannel | undefined> {
  const response = await client.post<{ channels?: Parameters<typeof toListedChannel>[0][] }>(
    `${client.baseURL}/channels`,
    {
      filter_conditions: { cid },
      sort: [],
      limit: 1,
      state: true,
      watch: false,
      presence: false,
      message_limit: 0,
      member_limit: 100,
    },
  );
  const first = response.channels?.[0];
  return first ? toListedChannel(first) : undefined;
}
