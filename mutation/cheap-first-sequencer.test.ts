import { describe, expect, it } from 'vitest';
import { CheapFirstSequencer, cheapFirst } from './cheap-first-sequencer.ts';

describe('cheapFirst', () => {
  it('puts src/ unit tests first and the holds variants last, whatever the input order', () => {
    const files = [
      'mutation/holds-variants.mutation.ts',
      'scenarios/properties/motopress/sync-all/sync-all-tenants.test.ts',
      'src/motopress/map-booking.test.ts',
      'scenarios/incidents/indo-null-unit/indo-null-unit.test.ts',
      'src/motopress/backoff.test.ts',
    ];
    const expected = [
      'src/motopress/backoff.test.ts',
      'src/motopress/map-booking.test.ts',
      'scenarios/incidents/indo-null-unit/indo-null-unit.test.ts',
      'scenarios/properties/motopress/sync-all/sync-all-tenants.test.ts',
      'mutation/holds-variants.mutation.ts',
    ];
    expect(cheapFirst(files)).toEqual(expected);
    expect(cheapFirst([...files].reverse())).toEqual(expected);
  });
});

describe('CheapFirstSequencer', () => {
  it("sorts vitest's specifications by their path relative to the root, keeping the objects", () => {
    const spec = (file: string) => ({ moduleId: `/repo/${file}` });
    const holds = spec('mutation/holds-variants.mutation.ts');
    const scenario = spec('scenarios/properties/motopress/no-duplicate-booking.test.ts');
    const unit = spec('src/motopress/decode-title.test.ts');
    const sequencer = new CheapFirstSequencer({ config: { root: '/repo' } });
    type Specs = Parameters<CheapFirstSequencer['sort']>[0];
    expect(sequencer.sort([holds, scenario, unit] as unknown as Specs)).toEqual([unit, scenario, holds]);
  });
});
