/**
 * Remote full scans, read from the recorded history alone (every gated request with its URL,
 * body and a summary of its answer), so what is found is a function of the run like the rest
 * of the report. A listing page is one completed request (ok) to a collection without a key:
 * - Stream `POST /channels` (QueryChannels) or `GET /users` whose filter names no `id`/`cid`;
 *   the last page is the one answering fewer items than its limit;
 * - MotoPress `GET .../mphb/v1/bookings` or `.../accommodations` without `include`; the last
 *   page is the one whose page x per_page reaches X-WP-Total.
 * An actor's pages of one collection over its whole run are one scan (the run is the actor's
 * operation): it is reported when it reached the end, or when it went past maxPages.
 */
import type { HistoryEvent } from '../history/history.ts';
import type { FullScan } from './full-scan.ts';
import { coversActor, type ScanDeclaration } from './scan-declaration.ts';

interface Page {
  collection: string;
  items: number;
  last: boolean;
}

/** Stream's documented defaults when a request names no limit. */
const STREAM_DEFAULT_LIMIT: Record<string, number> = { channels: 10, users: 30 };
const MOTOPRESS_DEFAULT_PER_PAGE = 10;

export function remoteFullScans(
  history: readonly HistoryEvent[],
  declared: ScanDeclaration['remote'] | undefined,
): FullScan[] {
  if (!declared) return [];
  const maxPages = declared.maxPages ?? Number.POSITIVE_INFINITY;
  const scans = new Map<string, Extract<FullScan, { kind: 'remote' }>>();
  for (const done of history) {
    if (done.type !== 'ok' || !coversActor(declared.actors, done.actor)) continue;
    const invoke = history[done.op];
    const page = invoke ? listingPage(invoke, done.result) : undefined;
    if (!page) continue;
    const key = `${done.actor}\u0000${page.collection}`;
    const scan = scans.get(key) ?? {
      kind: 'remote' as const,
      actor: done.actor,
      collection: page.collection,
      pages: 0,
      items: 0,
      reachedEnd: false,
    };
    scan.pages += 1;
    scan.items += page.items;
    scan.reachedEnd ||= page.last;
    scans.set(key, scan);
  }
  return [...scans.values()].filter((scan) => scan.reachedEnd || scan.pages > maxPages);
}

function listingPage(invoke: HistoryEvent, result: unknown): Page | undefined {
  const args = record(invoke.args);
  const answer = record(result);
  if (invoke.system === 'stream') {
    const collection =
      invoke.operation === 'POST /channels' ? 'channels' : invoke.operation === 'GET /users' ? 'users' : undefined;
    if (!collection || typeof answer.items !== 'number') return undefined;
    const request = collection === 'channels' ? record(args.body) : parsed(record(args.query).payload);
    if (keyed(record(request.filter_conditions))) return undefined;
    const limit = typeof request.limit === 'number' ? request.limit : STREAM_DEFAULT_LIMIT[collection]!;
    return { collection: `stream ${collection}`, items: answer.items, last: answer.items < limit };
  }
  if (invoke.system === 'motopress') {
    const match = /\/mphb\/v1\/(bookings|accommodations)$/.exec(invoke.operation);
    const query = record(args.query);
    if (!match || !invoke.operation.startsWith('GET ') || query.include !== undefined) return undefined;
    if (typeof answer.total !== 'number') return undefined;
    const perPage = Number(query.per_page ?? MOTOPRESS_DEFAULT_PER_PAGE);
    const page = Number(query.page ?? 1);
    const items = Math.max(0, Math.min(perPage, answer.total - (page - 1) * perPage));
    return { collection: `motopress ${match[1]}`, items, last: page * perPage >= answer.total };
  }
  return undefined;
}

/** A filter that names the ids it wants (`{ cid: 'messaging:x' }`, `{ id: { $in: [...] } }`). */
function keyed(filter: Record<string, unknown>): boolean {
  if ('id' in filter || 'cid' in filter) return true;
  const and = filter.$and;
  return Array.isArray(and) && and.some((part) => keyed(record(part)));
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function parsed(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return record(value);
  try {
    return record(JSON.parse(value));
  } catch {
    return {};
  }
}
