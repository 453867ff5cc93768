import { describe, expect, it } from 'vitest';
import { HistoryRecorder, redact } from './history.ts';

describe('HistoryRecorder', () => {
  it('records invoke then completion with the simulated time of each', () => {
    let now = 0;
    const history = new HistoryRecorder(() => now);
    const op = history.invoke('sync-1', 'motopress', 'GET /bookings', { page: 1 });
    now = 5;
    history.complete(op, 'info', { error: 'timeout' });
    expect(history.events).toEqual([
      {
        index: 0,
        op: 0,
        type: 'invoke',
        time: 0,
        actor: 'sync-1',
        system: 'motopress',
        operation: 'GET /bookings',
        args: { page: 1 },
      },
      {
        index: 1,
        op: 0,
        type: 'info',
        time: 5,
        actor: 'sync-1',
        system: 'motopress',
        operation: 'GET /bookings',
        error: 'timeout',
      },
    ]);
    expect(history.pending()).toEqual([]);
  });

  it('lists operations that never completed', () => {
    const history = new HistoryRecorder(() => 0);
    history.invoke('a', 'pg', 'query');
    const b = history.invoke('b', 'pg', 'query');
    history.complete(b, 'ok');
    expect(history.pending().map((e) => e.actor)).toEqual(['a']);
  });

  it('refuses to complete something that was not invoked', () => {
    const history = new HistoryRecorder(() => 0);
    expect(() => history.complete(3, 'ok')).toThrow(/no invoke at 3/);
  });
});

describe('redact', () => {
  it('hides secrets at any depth and keeps the rest', () => {
    expect(
      redact({
        url: 'x',
        headers: { Authorization: 'Bearer abc' },
        consumer_secret: 's',
        nested: [{ apiKey: 'k', id: 1 }],
      }),
    ).toEqual({
      url: 'x',
      headers: { Authorization: '[redacted]' },
      consumer_secret: '[redacted]',
      nested: [{ apiKey: '[redacted]', id: 1 }],
    });
  });

  it('turns dates and bigints into stable strings and cuts long lists', () => {
    expect(redact({ at: new Date('2025-11-19T22:19:09.984Z'), n: 51943001421n })).toEqual({
      at: '2025-11-19T22:19:09.984Z',
      n: '51943001421',
    });
    const rows = redact(Array.from({ length: 25 }, (_, i) => i)) as unknown[];
    expect(rows).toHaveLength(21);
    expect(rows[20]).toBe('...(5 more)');
  });
});
