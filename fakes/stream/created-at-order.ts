/**
 * A fast path for channel queries sorted by `created_at` ascending alone (the keyset listings an
 * audit of a large app makes): the same answer as queryChannels' filter + sortBy + slice,
 * without building a query document for, and sorting, every channel of the app on every page
 * (at 10^5 channels that was seconds per page, so a full listing took hours).
 *
 * - Channels are kept in created_at order, ties by cid (as sortBy breaks them). The order is
 *   rebuilt whenever the channel map changed: each query compares the map with the last copy
 *   by identity and created_at (O(channels), no allocation), so records set straight into
 *   `store.channels` are seen too.
 * - A query starts at the lowest created_at its filter allows (a `$gte`/`$gt`/`$eq` on
 *   created_at at the top level or under `$and`, i.e. a conjunct: no channel before it can
 *   match), checks the whole filter on each channel from there, and stops after offset + limit
 *   matches.
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

/** The operands of the lower bounds every match must meet on created_at (conjuncts only). */
function createdAtLowerBounds(filter: unknown, out: unknown[] = []): unknown[] {
  if (!isObject(filter)) return out;
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) for (const sub of condition) createdAtLowerBounds(sub, out);
    else if (key === 'created_at') {
      if (!isOperatorObject(condition)) out.push(condition);
      else for (const op of ['$gte', '$gt', '$eq']) if (op in condition) out.push(condition[op]);
    }
  }
  return out;
}

const byCreatedAtThenCid = (a: ChannelRecord, b: ChannelRecord): number =>
  a.createdAt - b.createdAt || (a.cid < b.cid ? -1 : a.cid > b.cid ? 1 : 0);

export class CreatedAtOrder {
  #seen: ChannelRecord[] = [];
  #seenCreatedAt: number[] = [];
  #sorted: ChannelRecord[] = [];

  /** The query's answer, or undefined when it is not for this path (the caller takes the general one). */
  query(
    channels: ReadonlyMap<string, ChannelRecord>,
    query: ChannelQuery,
    options: FilterOptions,
  ): ChannelRecord[] | undefined {
    const [first, ...more] = query.sort;
    if (more.length > 0 || first?.field !== 'created_at' || first.direction !== 1) return undefined;
    const filter = query.filter ?? {};
    if (!simpleFilter(filter, options)) return undefined;
    const sorted = this.#refresh(channels);
    let start = 0;
    for (const bound of createdAtLowerBounds(filter)) {
      // A bound that is no instant matches nothing: the walk below finds that out.
      if (compare(0, bound, true) === undefined) continue;
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
      if (channel.deletedAt === undefined && matchesFilter(channelDoc(channel), filter, options)) matched.push(channel);
    }
    return matched.slice(query.offset);
  }

  #refresh(channels: ReadonlyMap<string, ChannelRecord>): ChannelRecord[] {
    let same = channels.size === this.#seen.length;
    if (same) {
      let i = 0;
      for (const channel of channels.values()) {
        if (channel !== this.#seen[i] || channel.createdAt !== this.#seenCreatedAt[i]) {
          same = false;
          break;
        }
        i++;
      }
    }
    if (!same) {
      this.#seen = [...channels.values()];
      this.#seenCreatedAt = this.#seen.map((channel) => channel.createdAt);
      this.#sorted = [...this.#seen].sort(byCreatedAtThenCid);
    }
    return this.#sorted;
  }
}
