import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/db.ts';
import { upsertUnits } from './upsert-unit.ts';

describe('upsertUnits', () => {
  it('sends the units column by column and counts what the statement created and updated', async () => {
    const sent: Array<readonly unknown[] | undefined> = [];
    const db: Queryable = {
      query: <R>(_text: string, params?: readonly unknown[]) => {
        sent.push(params);
        const rows = [
          { id: '31', motopress_id: '12', outcome: 'created' },
          { id: '32', motopress_id: '13', outcome: 'updated' },
          { id: '33', motopress_id: '14', outcome: 'unchanged' },
          { id: '34', motopress_id: '15', outcome: 'created' },
        ];
        return Promise.resolve({ rows: rows as R[], rowCount: rows.length });
      },
    };
    const units = [
      { motopressId: 12, motopressTypeId: 4, title: 'Suite', status: 'publish' },
      { motopressId: 13, motopressTypeId: null, title: 'Annex', status: 'deleted' },
    ];
    const result = await upsertUnits(db, 'tenant-a', units, '2025-11-19T22:19:00.000Z');
    expect(sent).toEqual([
      ['tenant-a', [12, 13], [4, null], ['Suite', 'Annex'], ['publish', 'deleted'], '2025-11-19T22:19:00.000Z'],
    ]);
    expect(result).toEqual({
      ids: new Map([
        [12, '31'],
        [13, '32'],
        [14, '33'],
        [15, '34'],
      ]),
      created: 2,
      updated: 1,
    });
  });
});
