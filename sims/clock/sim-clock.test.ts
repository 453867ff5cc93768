import { describe, expect, it } from 'vitest';
import { SimClock } from './sim-clock.ts';

describe('SimClock', () => {
  it('moves only when told, and never backwards', () => {
    const clock = new SimClock(Date.parse('2025-11-19T22:19:09.984Z'));
    clock.advance(327);
    expect(new Date(clock.now()).toISOString()).toBe('2025-11-19T22:19:10.311Z');
    clock.advanceTo(clock.start);
    expect(clock.elapsed()).toBe(327);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('sleeps by moving its own time, without waiting on the wall clock', async () => {
    const clock = new SimClock(0);
    await clock.sleep(30_000);
    expect(clock.now()).toBe(30_000);
  });
});
