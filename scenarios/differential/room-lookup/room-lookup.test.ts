/**
 * Incident D, scenario (b): no-remote-full-scan fires on both of its halves (an actor listing
 * every Stream channel to find one; a statement that scans chat_rooms sequentially because it
 * filters on a column no index covers), with the pages, items, table and rows it names, and a
 * replay that gives the same report; the lookup by key holds. Scenarios that declare no `scans`
 * never see it (every other scenario's variants still meet their expectations).
 */
import { describe, expect, it } from 'vitest';
import { expectPlantedCaught, fileCaseEngine, runScenario, withSeed } from 'syncsim/vitest';
import { roomLookupScenario } from './room-lookup.scenario.ts';

const engine = fileCaseEngine();

describe('room-lookup', () => {
  it('a lookup that lists every channel is a remote full scan, named with its pages and items', async () => {
    const result = await expectPlantedCaught(
      roomLookupScenario,
      'scan-all-channels',
      'no-remote-full-scan',
      engine(),
      5,
    );
    const scan = result.violations.find((v) => v.invariant === 'no-remote-full-scan')!;
    expect(scan.details).toMatchObject({ collection: 'stream channels', reachedEnd: true });
    // The shrunk world has at least 5 rooms, read in pages of 10: every channel, once.
    const { pages, items } = scan.details as { pages: number; items: number };
    expect(items).toBeGreaterThanOrEqual(5);
    expect(pages).toBe(Math.floor(items / 10) + 1);
  });

  it('a statement filtering an unindexed column of a table above minRows is a sequential scan', async () => {
    const result = await expectPlantedCaught(
      roomLookupScenario,
      'planted-unindexed-room-name',
      'no-remote-full-scan',
      engine(),
      5,
    );
    const scan = result.violations.find((v) => v.invariant === 'no-remote-full-scan')!;
    expect(scan.details).toMatchObject({
      table: 'public.chat_rooms',
      sql: 'SELECT name FROM chat_rooms WHERE name = $1',
    });
    expect(Number(scan.details?.rows)).toBeGreaterThanOrEqual(5);
  });

  it('the lookup by key holds: no listing, every statement on an index', async () => {
    const result = await runScenario(roomLookupScenario, 'by-id', engine(), { ...withSeed, runs: 20 });
    expect(result.status, result.violations.map((v) => v.message).join('\n')).toBe('held');
  });
});
