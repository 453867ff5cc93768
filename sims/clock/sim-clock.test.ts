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

  it('sleeps through the installed sleeper so the scheduler can order wake-ups', async () => {
    const clock = new SimClock(0);
    const slept: number[] = [];
    clock.sleeper = (ms) => {
      slept.push(ms);
      return Promise.resolve();
    };
    await clock.sleep(30_000);
    expect(slept).toEqual([30_000]);
    expect(clock.now()).toBe(0);
  });
});
