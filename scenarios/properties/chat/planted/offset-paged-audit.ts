/**
 * PLANTED BUG: the audit lists Stream's channels the way the team's script did, by offset with
 * Stream's default sort (last_updated, newest first). While it pages, a message moves its
 * channel to the front and a deleted channel takes its place out from under the next offset: a
 * channel that was live for the whole audit is never listed (or one is listed twice), and its
 * room is reported "only in DB". Everything else is src/chat's audit (same diff, same 429
 * waits). Caught by audit-matches-truth.
 */
import type { StreamChat } from 'stream-chat';
import { auditStream, type AuditStreamDeps, type AuditStreamOptions } from '../../../../src/chat/audit-stream.ts';
import { rateLimitWait, type ListAllChannelsOptions } from '../../../../src/chat/list-all-channels.ts';
import { toListedChannel, type ListedChannel } from '../../../../src/chat/listed-channel.ts';

type QueryChannelsJson = { channels?: readonly Parameters<typeof toListedChannel>[0][] };

export async function* offsetPagedChannels(
  client: StreamChat,
  options: ListAllChannelsOptions,
): AsyncGenerator<readonly ListedChannel[]> {
  const limit = Math.min(options.pageSize ?? 30, 30);
  for (let offset = 0, waits = 0; ;) {
    let response: QueryChannelsJson;
    try {
      response = await client.post<QueryChannelsJson>(`${client.baseURL}/channels`, {
        filter_conditions: options.filter ?? {},
        sort: [],
        limit,
        offset,
        state: true,
        watch: false,
        presence: false,
        message_limit: 0,
        member_limit: 100,
      });
    } catch (error) {
      const wait = rateLimitWait(error, options.clock.now());
      if (wait === undefined || waits++ >= (options.maxRateLimitWaits ?? 20)) throw error;
      await options.clock.sleep(wait);
      continue;
    }
    waits = 0;
    const page = (response.channels ?? []).flatMap((state) => toListedChannel(state) ?? []);
    if (page.length > 0) yield page;
    if (page.length < limit) return;
    offset += limit;
  }
}

export function offsetPagedAudit(deps: AuditStreamDeps, options: AuditStreamOptions) {
  return auditStream({ ...deps, listChannels: offsetPagedChannels }, options);
}
