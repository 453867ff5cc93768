import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheapFirstSequencer, cheapFirst } from './cheap-first-sequencer.ts';

const EXAMPLE = "it('stores a booking', async () => { await syncAll(deps, tenant); });\n";
const BULK = "it('no difference', async () => { await runScenario(s, 'after', engine(), { runs: 200 }); });\n";

describe('cheapFirst', () => {
  it('runs src/ unit tests, then example scenario tests, then the holds variants, then bulk-case tests', () => {
    const files = [
      { file: 'mutation/holds-variants.mutation.ts', source: BULK },
      { file: 'scenarios/properties/motopress/refactored/sync-all-refactored.test.ts', source: BULK },
      { file: 'scenarios/properties/motopress/sync-all/sync-all-tenants.test.ts', source: EXAMPLE },
      { file: 'src/motopress/map-booking.test.ts', source: EXAMPLE },
      { file: 'scenarios/incidents/indo-null-unit/indo-null-unit.test.ts', source: EXAMPLE },
      { file: 'src/motopress/backoff.test.ts', source: EXAMPLE },
    ];
    const expected = [
      'src/motopress/backoff.test.ts',
      'src/motopress/map-booking.test.ts',
      'scenarios/incidents/indo-null-unit/indo-null-unit.test.ts',
      'scenarios/properties/motopress/sync-all/sync-all-tenants.test.ts',
      'mutation/holds-variants.mutation.ts',
      'scenarios/properties/motopress/refactored/sync-all-refactored.test.ts',
    ];
    expect(cheapFirst(files)).toEqual(expected);
    expect(cheapFirst([...files].reverse())).toEqual(expected);
  });
});

describe('CheapFirstSequencer', () => {
  const root = mkdtempSync(join(tmpdir(), 'cheap-first-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    return { moduleId: join(root, file) };
  };

  it("sorts vitest's specifications by the files' paths and sources, keeping the objects", () => {
    const holds = write('mutation/holds-variants.mutation.ts', BULK);
    const bulk = write('scenarios/properties/motopress/no-duplicate-booking.test.ts', BULK);
    const example = write('scenarios/properties/motopress/sync-all/sync-all-progress.test.ts', EXAMPLE);
    const unit = write('src/motopress/decode-title.test.ts', EXAMPLE);
    const sequencer = new CheapFirstSequencer({ config: { root } });
    type Specs = Parameters<CheapFirstSequencer['sort']>[0];
    expect(sequencer.sort([bulk, holds, example, unit] as unknown as Specs)).toEqual([unit, example, holds, bulk]);
  });
});
