/**
 * Which of a channel's messages a channel query returns: `messages: {limit, id_lt, id_lte,
 * id_gt, id_gte}` on POST /channels/{type}/{id}/query (Stream's "Channel Pagination" docs).
 * The ids are cursors: a bound is the POSITION of the message it names in channel order, never
 * a comparison of id strings (ids are the client's choice and need not sort). The page always
 * comes back oldest first, as Stream returns it:
 * - no bound or an upper bound (id_lt/id_lte): the NEWEST `limit` messages in range, so paging
 *   backwards passes the first (oldest) id of a page as the next id_lt;
 * - a lower bound (id_gt/id_gte): the OLDEST `limit` messages in range, for paging forwards.
 * An id that names no message of the channel (never sent, or gone with a truncate) gives an
 * empty page. The reference says nothing on this case; an empty page is what a cursor past the
 * end gives, and it ends a pager's loop instead of restarting it from the newest messages.
 */
import type { MessageRecord } from './stream-records.ts';

export interface MessagePagination {
  /** 0..300, default 25 (the documented message_limit range). */
  limit: number;
  idLt?: string;
  idLte?: string;
  idGt?: string;
  idGte?: string;
}

export function messagePage(messages: readonly MessageRecord[], page: MessagePagination): MessageRecord[] {
  // [start, end): the messages within every bound given.
  let start = 0;
  let end = messages.length;
  const bounds = { lt: page.idLt, lte: page.idLte, gt: page.idGt, gte: page.idGte };
  for (const [kind, id] of Object.entries(bounds)) {
    if (id === undefined) continue;
    const i = messages.findIndex((m) => m.id === id);
    if (i < 0) return [];
    if (kind === 'lt') end = Math.min(end, i);
    else if (kind === 'lte') end = Math.min(end, i + 1);
    else if (kind === 'gt') start = Math.max(start, i + 1);
    else start = Math.max(start, i);
  }
  if (page.limit === 0 || start >= end) return [];
  const forwards = page.idGt !== undefined || page.idGte !== undefined;
  return forwards
    ? messages.slice(start, Math.min(end, start + page.limit))
    : messages.slice(Math.max(start, end - page.limit), end);
}
