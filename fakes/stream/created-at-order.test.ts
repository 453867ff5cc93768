/**
 * The created_at fast path answers exactly what the general query (filter + sortBy + slice)
 * answers, for any channels (ties, deleted ones) and any well-formed filter mixing created_at
 * bounds with other conditions; it notices channels set into or deleted from the map; it leaves
 * malformed filters and other sorts to the general path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreatedAtOrder, VersionedMap } from './created-at-order.ts';
import { matchesFilter } from './match-filter.ts';
import { channelDoc, sortBy } from './query-docs.ts';
import type { ChannelQuery } from './stream-commands.ts';
import type { ChannelRecord } from './stream-records.ts';

const options = {
  dateFields: new Set(['created_at', 'updated_at', 'last_message_at', 'last_updated', 'deleted_at']),
  stringFields: new Set(['id', 'cid', 'type']),
};
const t0 = Date.parse('2026-01-01T00:00:00.000Z');

function channel(i: number, second: number, team: number, deleted: boolean): ChannelRecord {
  const id = `c${String(i).padStart(3, '0')}`;
  return {
    type: 'messaging',
    id,
    cid: `messaging:${id}`,
    team: `gym_${team}`,
    createdById: 'admin',
    custom: { gym_id: String(team) },
    frozen: false,
    disabled: false,
    createdAt: t0 + second * 1000,
    updatedAt: t0,
    ...(deleted ? { deletedAt: t0 } : {}),
    distinct: false,
    members: new Map(),
    messages: [],
    seq: i,
  };
}

function general(channels: ReadonlyMap<string, ChannelRecord>, query: ChannelQuery): ChannelRecord[] {
  const matched = [...channels.values()]
    .filter((c) => c.deletedAt === undefined)
    .filter((c) => matchesFilter(channelDoc(c), query.filter ?? {}, options));
  return sortBy(matched, channelDoc, query.sort, options.dateFields).slice(query.offset, query.offset + query.limit);
}

const instant = fc
  .integer({ min: -1, max: 8 })
  .chain((s) =>
    fc.constantFrom<unknown>(
      new Date(t0 + s * 1000).toISOString(),
      t0 + s * 1000,
      `2026-01-01T00:00:0${s < 0 ? 0 : s}Z`,
    ),
  );
const createdAt = fc.oneof(
  instant.map((v) => v),
  fc.record({ $gte: instant }),
  fc.record({ $gt: instant }),
  fc.record({ $lt: instant }),
  fc.record({ $gte: instant, $lt: instant }),
  fc.record({ $lte: instant }),
  fc.record({ $gt: instant, $lte: instant }),
  fc.record({ $lt: fc.constant('not a date') }),
  fc.constant({ $gte: 'not a date' }),
);
const team = fc.integer({ min: 1, max: 3 }).map((g) => `gym_${g}`);
const leaf = fc.oneof(
  createdAt.map((c) => ({ created_at: c })),
  team.map((t) => ({ team: t })),
  fc.array(team, { minLength: 1, maxLength: 2 }).map((ts) => ({ team: { $in: ts } })),
  fc.constant({ gym_id: { $ne: '2' } }),
);
const filter = fc.oneof(
  leaf,
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map((subs) => ({ $and: subs })),
  fc.tuple(leaf, fc.array(leaf, { minLength: 1, maxLength: 2 })).map(([a, subs]) => ({ ...a, $or: subs })),
  fc
    .tuple(createdAt, fc.array(leaf, { minLength: 1, maxLength: 2 }))
    .map(([c, subs]) => ({ $and: [{ $and: subs }, { created_at: c }] })),
);

describe('CreatedAtOrder', () => {
  it('answers what filter + sortBy + slice answer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 3 }), fc.boolean()), {
          maxLength: 60,
        }),
        filter,
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 30 }),
        (specs, where, offset, limit) => {
          const channels = new VersionedMap(
            specs.map(([second, g, deleted], i) => {
              const c = channel(i, second, g, deleted && i % 3 === 0);
              return [c.cid, c] as const;
            }),
          );
          const query: ChannelQuery = {
            filter: where,
            sort: [{ field: 'created_at', direction: 1 }],
            limit,
            offset,
            memberLimit: 100,
            messageLimit: 0,
          };
          const fast = new CreatedAtOrder().query(channels, query, options);
          expect(fast?.map((c) => c.cid)).toEqual(general(channels, query).map((c) => c.cid));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('sees channels set straight into the map, replaced or deleted', () => {
    const channels = new VersionedMap(
      [channel(1, 5, 1, false), channel(2, 3, 1, false)].map((c) => [c.cid, c] as const),
    );
    const order = new CreatedAtOrder();
    const query: ChannelQuery = {
      filter: {},
      sort: [{ field: 'created_at', direction: 1 }],
      limit: 30,
      offset: 0,
      memberLimit: 100,
      messageLimit: 0,
    };
    expect(order.query(channels, query, options)?.map((c) => c.id)).toEqual(['c002', 'c001']);
    const added = channel(3, 1, 1, false);
    channels.set(added.cid, added);
    expect(order.query(channels, query, options)?.map((c) => c.id)).toEqual(['c003', 'c002', 'c001']);
    channels.set('messaging:c003', channel(3, 9, 1, false));
    expect(order.query(channels, query, options)?.map((c) => c.id)).toEqual(['c002', 'c001', 'c003']);
    channels.delete('messaging:c001');
    expect(order.query(channels, query, options)?.map((c) => c.id)).toEqual(['c002', 'c003']);
  });

  it('leaves other sorts and malformed filters to the general path', () => {
    const channels = new VersionedMap([channel(1, 5, 1, false)].map((c) => [c.cid, c] as const));
    const base = { limit: 30, offset: 0, memberLimit: 100, messageLimit: 0 };
    const asc = [{ field: 'created_at', direction: 1 }];
    const order = new CreatedAtOrder();
    expect(order.query(channels, { ...base, filter: {}, sort: [] }, options)).toBeUndefined();
    expect(
      order.query(channels, { ...base, filter: {}, sort: [{ field: 'created_at', direction: -1 }] }, options),
    ).toBeUndefined();
    expect(
      order.query(channels, { ...base, filter: {}, sort: [...asc, { field: 'id', direction: 1 }] }, options),
    ).toBeUndefined();
    for (const bad of [{ $and: [] }, { team: { $foo: 1 } }, { $where: 1 }, { id: { $eq: 3 } }, { team: { $in: 'x' } }])
      expect(order.query(channels, { ...base, filter: bad, sort: asc }, options)).toBeUndefined();
  });
});
