/**
 * A fast path for channel queries sorted by `created_at` ascending alone (the keyset listings an
 * audit of a large app makes): the same answer as queryChannels' filter + sortBy + slice,
 * without building a query document for, and sorting, every channel of the app on every page
 * (at 10^5 channels that was seconds per page, so a full listing took hours).
 *
 * - Channels are kept in created_at order, ties by cid (as sortBy breaks them). The order is
 *   rebuilt when the channel map changed: the store's map is a VersionedMap, whose version every
 *   set and delete moves (records set straight into `store.channels` included). A record's
 *   created_at is never changed in place (the store never does it).
 * - A query walks from the lowest created_at its filter allows to the highest (`$gte`/`$gt`/
 *   `$eq` and `$lt`/`$lte`/`$eq` on created_at at the top level or under `$and`, i.e. conjuncts:
 *   no channel outside them can match), checks the whole filter on each channel on the way, and
 *   stops after offset + limit matches.
 * - Only filters whose every node is well formed take this path (`simpleFilter`, conservative):
 *   a malformed filter throws or not depending on which channels the evaluation reaches, so it
 *   goes the general way and fails exactly as before.
 */
import { compare, matchesFilter, type FilterOptions } from './match-filter.ts';
import { channelDoc } from './query-docs.ts';
import type { ChannelQuery } from './stream-commands.ts';
import type { ChannelRecord } from './stream-records.ts';

const FIELD_OPS = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists', '$contains']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => key.startsWith('$'));

/** True when evaluating `filter` can never throw, whatever the channel (false when unsure). */
function simpleFilter(filter: unknown, options: FilterOptions): boolean {
  if (!isObject(filter)) return false;
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and' || key === '$or' || key === '$nor')
      return Array.isArray(condition) && condition.length > 0 && condition.every((sub) => simpleFilter(sub, options));
    if (key.startsWith('$')) return false;
    const operators = isOperatorObject(condition) ? condition : { $eq: condition };
    return Object.entries(operators).every(([op, operand]) => {
      if (!FIELD_OPS.has(op)) return false;
      if (op === '$exists') return typeof operand === 'boolean';
      if (op === '$in' || op === '$nin') return Array.isArray(operand);
      if ((op === '$eq' || op === '$ne') && options.stringFields?.has(key)) return typeof operand === 'string';
      return true;
    });
  });
}

/** The created_at conditions every match must meet (conjuncts only), as [operator, operand]. */
function createdAtConjuncts(filter: unknown, out: [string, unknown][] = []): [string, unknown][] {
  if (!isObject(filter)) return out;
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) for (const sub of condition) createdAtConjuncts(sub, out);
    else if (key === 'created_at') {
      if (!isOperatorObject(condition)) out.push(['$eq', condition]);
      else for (const [op, operand] of Object.entries(condition)) out.push([op, operand]);
    }
  }
  return out;
}

/** A Map whose `version` moves on every set, delete and clear: how the order knows it is stale. */
export class VersionedMap<K, V> extends Map<K, V> {
  version = 0;

  override set(key: K, value: V): this {
    this.version++;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.version++;
    return super.delete(key);
  }

  override clear(): void {
    this.version++;
    super.clear();
  }
}

const byCreatedAtThenCid = (a: ChannelRecord, b: ChannelRecord): number =>
  a.createdAt - b.createdAt || (a.cid < b.cid ? -1 : a.cid > b.cid ? 1 : 0);

export class CreatedAtOrder {
  #version = -1;
  #sorted: ChannelRecord[] = [];

  /** The query's answer, or undefined when it is not for this path (the caller takes the general one). */
  query(
    channels: VersionedMap<string, ChannelRecord>,
    query: ChannelQuery,
    options: FilterOptions,
  ): ChannelRecord[] | undefined {
    const [first, ...more] = query.sort;
    if (more.length > 0 || first?.field !== 'created_at' || first.direction !== 1) return undefined;
    const filter = query.filter ?? {};
    if (!simpleFilter(filter, options)) return undefined;
    if (channels.version !== this.#version) {
      this.#sorted = [...channels.values()].sort(byCreatedAtThenCid);
      this.#version = channels.version;
    }
    const sorted = this.#sorted;
    const conjuncts = createdAtConjuncts(filter).filter(([, operand]) => compare(0, operand, true) !== undefined);
    // Past an upper bound nothing more can match (an operand that is no instant matches nothing:
    // the filter itself finds that out).
    const beyond = (createdAt: number) =>
      conjuncts.some(([op, operand]) => {
        const cmp = compare(createdAt, operand, true)!;
        return op === '$lt' ? cmp >= 0 : op === '$lte' || op === '$eq' ? cmp > 0 : false;
      });
    let start = 0;
    for (const [op, bound] of conjuncts) {
      if (op !== '$gte' && op !== '$gt' && op !== '$eq') continue;
      let lo = start;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(sorted[mid]!.createdAt, bound, true)! < 0) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const wanted = query.offset + query.limit;
    const matched: ChannelRecord[] = [];
    for (let i = start; i < sorted.length && matched.length < wanted; i++) {
      const channel = sorted[i]!;
      if (beyond(channel.createdAt)) break;
      if (channel.deletedAt === undefined && matchesFilter(channelDoc(channel), filter, options)) matched.push(channel);
    }
    return matched.slice(query.offset);
  }
}
