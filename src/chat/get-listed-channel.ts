// One channel by cid, read the way the audit reads channels (raw POST /channels, no SDK cache,
// no messages): what the webhook handler and the repair need to judge a channel.
import type { StreamChat } from 'stream-chat';
import { toListedChannel, type ListedChannel } from './listed-channel.ts';
import { isList, streamCall, StreamProtocolError } from './stream-call.ts';

export async function getListedChannel(client: StreamChat, cid: string): Promise<ListedChannel | undefined> {
  const response = await streamCall<{ channels?: Parameters<typeof toListedChannel>[0][] }>('POST /channels', () =>
    client.post(`${client.baseURL}/channels`, {
      filter_conditions: { cid },
      sort: [],
      limit: 1,
      state: true,
      watch: false,
      presence: false,
      message_limit: 0,
      member_limit: 100,
    }),
  );
  // "No such channel" only from a list that says so: a page that is not one says nothing.
  const channels = response.channels;
  if (channels === undefined || !isList(channels))
    throw new StreamProtocolError(`Stream answered POST /channels for ${cid} without a channels list`);
  const first = channels[0];
  return first ? toListedChannel(first) : undefined;
}
