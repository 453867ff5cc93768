/**
 * syncAccommodations' own decisions, over a unit table in memory: what it writes (only what
 * differs: the statement itself is idempotent, so a needless write is invisible in the rows and
 * only the statements show it), which unlisted units it asks MotoPress about and marks deleted,
 * the unit ids it hands to step 2, and the units of an unknown type it reports. The statements'
 * SQL against a real Postgres is the properties-motopress suite's.
 */
import { describe, expect, it } from 'vitest';
import type { Db, QueryResult } from '../db/db.ts';
import type { MotopressSource } from './motopress-source.ts';
import type { MotopressAccommodation } from './motopress-types.ts';
import { DELETED_UNIT_STATUS, syncAccommodationsKeepingIds } from './sync-accommodations.ts';

interface Row {
  id: string;
  motopress_id: string;
  motopress_type_id: string | null;
  title: string;
  status: string;
}

const row = (motopressId: number, typeId: number | null, title: string, status = 'publish'): Row => ({
  id: `u${motopressId}`,
  motopress_id: String(motopressId),
  motopress_type_id: typeId === null ? null : String(typeId),
  title,
  status,
});

const unit = (id: number, typeId: number, title: string, status = 'publish'): MotopressAccommodation => ({
  id,
  title,
  status,
  accommodation_type_id: typeId,
});

/** The three statements the sync sends: the stored units, marking one deleted, the upsert. */
function unitTable(rows: Row[]) {
  const writes: Array<{ marked: number } | { upserted: number[] }> = [];
  const answer = <R>(out: unknown[], rowCount = out.length): Promise<QueryResult<R>> =>
    Promise.resolve({ rows: out as R[], rowCount });
  const db = {
    query: <R>(text: string, params: readonly unknown[] = []) => {
      if (text.startsWith('SELECT id::text, motopress_id::text')) return answer<R>(rows.map((r) => ({ ...r })));
      if (text.startsWith('UPDATE hotels.accommodation_units SET status')) {
        writes.push({ marked: params[1] as number });
        return answer<R>([], 1);
      }
      const ids = params[1] as number[];
      writes.push({ upserted: ids });
      return answer<R>(ids.map((id) => ({ id: `new${id}`, motopress_id: String(id), outcome: 'created' })));
    },
    connect: () => Promise.reject(new Error('the sync takes no connection')),
  } satisfies Db;
  return { db, writes };
}

/** MotoPress listing `listed` (types 1 and 2 exist), answering gets from `all`; records each get. */
function hotel(listed: MotopressAccommodation[], all: Record<number, MotopressAccommodation> = {}) {
  const asked: number[] = [];
  const motopress = {
    listAccommodationTypes: () => Promise.resolve([1, 2].map((id) => ({ id, title: `Type ${id}`, status: 'publish' }))),
    listAccommodations: () => Promise.resolve(listed),
    getAccommodation: (id: number) => {
      asked.push(id);
      return Promise.resolve(all[id]);
    },
  } as MotopressSource;
  return { motopress, asked };
}

async function sync(rows: Row[], listed: MotopressAccommodation[], all: Record<number, MotopressAccommodation> = {}) {
  const { db, writes } = unitTable(rows);
  const { motopress, asked } = hotel(listed, all);
  const out = await syncAccommodationsKeepingIds(
    { db, motopress, clock: { now: () => 0, sleep: () => Promise.resolve() } },
    't1',
  );
  return { ...out, writes, asked };
}

const STORED = [row(10, 1, 'Room 10'), row(11, null, 'Annex'), row(12, 2, 'Suite', 'draft')];
const LISTED = [unit(10, 1, 'Room 10'), unit(11, 0, 'Annex'), unit(12, 2, 'Suite', 'draft')];

describe('syncAccommodations', () => {
  it('writes nothing for a hotel that has not changed, and hands on every stored id', async () => {
    const { report, unitIds, writes, asked } = await sync(STORED, LISTED);
    expect(writes).toEqual([]);
    expect(asked).toEqual([]);
    expect(report).toEqual({ types: 2, units: 3, created: 0, updated: 0, markedDeleted: 0, unknownTypeUnits: [11] });
    expect(unitIds).toEqual(
      new Map([
        [10, 'u10'],
        [11, 'u11'],
        [12, 'u12'],
      ]),
    );
  });

  it.each([
    ['its type', unit(12, 1, 'Suite', 'draft')],
    ['its type, to none', unit(12, 0, 'Suite', 'draft')],
    ['its title', unit(12, 2, 'Suite B', 'draft')],
    ['its status', unit(12, 2, 'Suite', 'publish')],
  ])('writes only the unit whose %s changed', async (_, changed) => {
    const { report, unitIds, writes } = await sync(STORED, [...LISTED.slice(0, 2), changed]);
    expect(writes).toEqual([{ upserted: [12] }]);
    expect(report.created).toBe(1);
    expect(unitIds.get(12)).toBe('new12');
    expect(unitIds.get(10)).toBe('u10');
  });

  it('writes a new unit, and reports a unit whose type MotoPress does not list', async () => {
    const { report, writes } = await sync(STORED, [...LISTED, unit(13, 7, 'Loft')]);
    expect(writes).toEqual([{ upserted: [13] }]);
    expect(report.unknownTypeUnits).toEqual([11, 13]);
  });

  it('asks MotoPress about each unlisted unit: gone or trashed is marked deleted, alive is kept or updated', async () => {
    const stored = [
      ...STORED,
      row(20, 1, 'Gone'),
      row(21, 1, 'Trashed'),
      row(22, 1, 'Skipped by paging'),
      row(23, 1, 'Renamed'),
      row(24, 1, 'Long gone', DELETED_UNIT_STATUS),
    ];
    const all = {
      21: unit(21, 1, 'Trashed', 'trash'),
      22: unit(22, 1, 'Skipped by paging'),
      23: unit(23, 1, 'Renamed again'),
    };
    const { report, writes, asked } = await sync(stored, LISTED, all);
    expect(asked).toEqual([20, 21, 22, 23]);
    expect(writes).toEqual([{ marked: 20 }, { marked: 21 }, { upserted: [23] }]);
    expect(report.markedDeleted).toBe(2);
  });
});
