// The REST path of one channel, from its cid (`messaging:room_4_639`): what a partial update, a
// delete or a member change is sent to. Both parts are encoded (a distinct channel's id has '!').
import type { StreamChat } from 'stream-chat';

export function channelPath(stream: StreamChat, cid: string): string {
  const colon = cid.indexOf(':');
  const [type, id] = [cid.slice(0, colon), cid.slice(colon + 1)];
  return `${stream.baseURL}/channels/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
}
