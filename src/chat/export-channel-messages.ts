// Every message of one channel, written as JSON lines to `{channelId}.jsonl` in the operator's
// export directory, BEFORE the repair deletes the channel: an orphan event channel's history is
// the one thing a delete cannot give back. Pages backwards with `messages.id_lt` (Stream's
// message pagination) until a page comes back short, through raw POST .../query (no SDK channel
// cache). The file is written to a temporary name and renamed, so a crash never leaves a partial
// export under the final name; the caller deletes only after this resolved with the count.
// One channel's messages are held in memory to write them oldest first: an event channel's
// history, not the app's.
import type { StreamChat } from 'stream-chat';
import type { SessionFs } from '../bot/session-fs.ts';
import { isList, streamCall, StreamProtocolError } from './stream-call.ts';

export const exportPageSize = 100;

const queryRequest = 'POST /channels/{type}/{id}/query';

/** The answer's messages; Stream always sends the list (state: true), so without one nothing is known. */
function messagesOf(
  response: ChannelQueryJson,
  channel: { readonly type: string; readonly id: string },
): readonly { id?: unknown }[] {
  const messages = response.messages;
  if (messages === undefined || !isList(messages))
    throw new StreamProtocolError(`Stream answered the query of ${channel.type}:${channel.id} without its messages`);
  return messages;
}

interface ChannelQueryJson {
  messages?: readonly { id?: unknown }[];
}

/**
 * `{channelId}.jsonl`, or `{channelId}.{n}.jsonl` when that name is taken: a channel id can be
 * exported twice (a deleted channel recovered by get-or-create, then orphaned again), and the
 * second export must not overwrite the first one's messages. A retry after a crash writes one
 * more copy of the same messages, which loses nothing.
 */
export function exportFileName(channelId: string, taken: readonly string[] = []): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${channelId}.jsonl` : `${channelId}.${n}.jsonl`;
    if (!taken.includes(name)) return name;
  }
}

export async function exportChannelMessages(
  stream: StreamChat,
  channel: { readonly type: string; readonly id: string },
  exportDir: SessionFs,
): Promise<{ readonly count: number; readonly newestId: string | undefined }> {
  const pages: (readonly { id?: unknown }[])[] = [];
  let before: string | undefined;
  for (;;) {
    // Not Stream's JSON is a failure, never a page of no messages: the delete follows this export.
    const response = await streamCall<ChannelQueryJson>(queryRequest, () =>
      stream.post(
        `${stream.baseURL}/channels/${encodeURIComponent(channel.type)}/${encodeURIComponent(channel.id)}/query`,
        {
          state: true,
          watch: false,
          presence: false,
          messages: { limit: exportPageSize, ...(before !== undefined ? { id_lt: before } : {}) },
        },
      ),
    );
    const page = messagesOf(response, channel);
    // A server that ignored id_lt would hand the same page back forever: stop, export nothing.
    if (before !== undefined && page.some((message) => message.id === before))
      throw new Error(`Stream returned message ${before} again when asked for older ones (id_lt ignored?)`);
    pages.unshift(page);
    const oldest = page[0]?.id;
    if (page.length < exportPageSize || typeof oldest !== 'string') break;
    before = oldest;
  }
  const lines = pages.flat().map((message) => JSON.stringify(message));
  const name = exportFileName(channel.id, await exportDir.readdir());
  const temp = `${name}.partial`;
  await exportDir.writeFile(temp, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  await exportDir.rename(temp, name);
  // Read back before anyone deletes on the strength of it: a write that reported success but
  // left fewer lines (a full disk, a torn write) must stop the delete, not follow it.
  const written = (await exportDir.readFile(name)).split('\n').filter((line) => line !== '').length;
  if (written !== lines.length)
    throw new Error(`export of ${channel.type}:${channel.id} has ${written} of ${lines.length} messages`);
  const newest = pages.flat().at(-1)?.id;
  return { count: lines.length, newestId: typeof newest === 'string' ? newest : undefined };
}

/** The id of the channel's newest message now (undefined: no messages). */
export async function newestMessageId(
  stream: StreamChat,
  channel: { readonly type: string; readonly id: string },
): Promise<string | undefined> {
  const response = await streamCall<ChannelQueryJson>(queryRequest, () =>
    stream.post(
      `${stream.baseURL}/channels/${encodeURIComponent(channel.type)}/${encodeURIComponent(channel.id)}/query`,
      { state: true, watch: false, presence: false, messages: { limit: 1 } },
    ),
  );
  const id = messagesOf(response, channel).at(-1)?.id;
  return typeof id === 'string' ? id : undefined;
}
