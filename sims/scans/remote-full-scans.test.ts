import { describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../history/history.ts';
import { fullScanViolations } from './full-scan.ts';
import { remoteFullScans } from './remote-full-scans.ts';

function history(
  pages: { actor: string; system: 'stream' | 'motopress'; operation: string; args: unknown; result: unknown }[],
) {
  const recorder = new HistoryRecorder(() => 0);
  for (const page of pages) {
    const op = recorder.invoke(page.actor, page.system, page.operation, page.args);
    recorder.complete(op, 'ok', { result: page.result });
  }
  return recorder.events;
}

const channelsPage = (actor: string, filter: unknown, items: number, offset = 0) => ({
  actor,
  system: 'stream' as const,
  operation: 'POST /channels',
  args: { path: '/channels', body: { filter_conditions: filter, limit: 30, offset } },
  result: { status: 201, items },
});

describe('remoteFullScans', () => {
  it('reports an unkeyed channel listing read to its end, with pages and items', () => {
    const events = history([
      channelsPage('lookup-1', { type: 'messaging' }, 30),
      channelsPage('lookup-1', { type: 'messaging' }, 4, 30),
    ]);
    const scans = remoteFullScans(events, { actors: ['lookup'] });
    expect(scans).toEqual([
      { kind: 'remote', actor: 'lookup-1', collection: 'stream channels', pages: 2, items: 34, reachedEnd: true },
    ]);
    expect(fullScanViolations(scans)[0]!.message).toBe(
      'lookup-1: read all 2 page(s) (34 items) of stream channels where a keyed lookup suffices',
    );
  });

  it('holds for a keyed lookup, for undeclared actors and when nothing is declared', () => {
    const events = history([
      channelsPage('lookup', { cid: 'messaging:room_1' }, 1),
      channelsPage('audit', { type: 'messaging' }, 3),
    ]);
    expect(remoteFullScans(events, { actors: ['lookup'] })).toEqual([]);
    expect(remoteFullScans(events, undefined)).toEqual([]);
  });

  it('reports a listing past maxPages even before its end', () => {
    const events = history([1, 2, 3].map((n) => channelsPage('lookup', { type: 'messaging' }, 30, (n - 1) * 30)));
    expect(remoteFullScans(events, { actors: ['lookup'], maxPages: 3 })).toEqual([]);
    expect(remoteFullScans(events, { actors: ['lookup'], maxPages: 2 })).toMatchObject([
      { pages: 3, reachedEnd: false },
    ]);
  });

  it('reads Stream users from the payload and MotoPress pages from X-WP-Total', () => {
    const events = history([
      {
        actor: 'lookup',
        system: 'stream',
        operation: 'GET /users',
        args: {
          path: '/users',
          query: { payload: JSON.stringify({ filter_conditions: { role: 'user' }, limit: 10 }) },
        },
        result: { status: 200, items: 2 },
      },
      {
        actor: 'lookup',
        system: 'motopress',
        operation: 'GET /wp-json/mphb/v1/bookings',
        args: { query: { page: '1', per_page: '2' } },
        result: { status: 200, total: 3 },
      },
      {
        actor: 'lookup',
        system: 'motopress',
        operation: 'GET /wp-json/mphb/v1/bookings',
        args: { query: { page: '2', per_page: '2' } },
        result: { status: 200, total: 3 },
      },
      {
        actor: 'lookup',
        system: 'motopress',
        operation: 'GET /wp-json/mphb/v1/bookings/7',
        args: {},
        result: { status: 200 },
      },
    ]);
    expect(remoteFullScans(events, { actors: ['lookup'] })).toEqual([
      { kind: 'remote', actor: 'lookup', collection: 'stream users', pages: 1, items: 2, reachedEnd: true },
      { kind: 'remote', actor: 'lookup', collection: 'motopress bookings', pages: 2, items: 3, reachedEnd: true },
    ]);
  });
});
