/**
 * The writes an actor made, read from the run's history: every Stream request and Postgres
 * statement that changes something, whose outcome was ok or unknown (`info`: a lost response may
 * still have written). Reads (channel and user queries, SELECTs, BEGIN/COMMIT) are not writes.
 */
import type { HistoryEvent } from 'syncsim';

export type Write =
  | { readonly kind: 'upsert-users'; readonly index: number; readonly ids: readonly string[] }
  | {
      readonly kind: 'update-members';
      readonly index: number;
      readonly channelId: string;
      readonly add: readonly string[];
      readonly remove: readonly string[];
    }
  | { readonly kind: 'other'; readonly index: number; readonly what: string };

const READS = new Set(['POST /channels', 'GET /users']);
const PG_WRITE = /^\s*(INSERT|UPDATE|DELETE|UPSERT|MERGE|TRUNCATE|ALTER|CREATE|DROP)\b/i;

interface StreamArgs {
  path?: string;
  body?: { users?: Record<string, unknown>; add_members?: unknown[]; remove_members?: unknown[] };
}

/** Whether this invoke is a write (the sweep sweeps lost responses over exactly these). */
export function isWrite(event: HistoryEvent): boolean {
  if (event.type !== 'invoke') return false;
  if (event.system === 'stream') return !READS.has(event.operation);
  if (event.system === 'pg') return PG_WRITE.test((event.args as { sql?: string } | undefined)?.sql ?? '');
  return false;
}

export function writesOf(history: readonly HistoryEvent[], actor: string): Write[] {
  const outcome = new Map(history.filter((e) => e.type !== 'invoke').map((e) => [e.op, e.type]));
  return history
    .filter((e) => e.actor === actor && isWrite(e) && outcome.get(e.index) !== 'fail')
    .map((e): Write => {
      const args = (e.args ?? {}) as StreamArgs;
      if (e.system === 'stream' && e.operation === 'POST /users')
        return { kind: 'upsert-users', index: e.index, ids: Object.keys(args.body?.users ?? {}).sort() };
      if (e.system === 'stream' && e.operation === 'PATCH /users') {
        const patches = (args.body?.users ?? []) as unknown as { id?: unknown }[];
        return { kind: 'upsert-users', index: e.index, ids: patches.map((patch) => String(patch.id)).sort() };
      }
      if (e.system === 'stream' && e.operation === 'POST /channels/{type}/{id}')
        return {
          kind: 'update-members',
          index: e.index,
          channelId: decodeURIComponent((args.path ?? '').split('/').pop() ?? ''),
          add: (args.body?.add_members ?? []).map(String),
          remove: (args.body?.remove_members ?? []).map(String),
        };
      const what = e.system === 'pg' ? (e.args as { sql: string }).sql : `${e.operation} ${args.path ?? ''}`;
      return { kind: 'other', index: e.index, what };
    });
}
