import { describe, expect, it } from 'vitest';
import { untilOrLate } from './until-or-late.ts';

describe('untilOrLate', () => {
  it('looks again at each change and returns once the condition holds', async () => {
    let state = 0;
    let looks = 0;
    const changes: Array<() => void> = [];
    const change = () => new Promise<void>((resolve) => changes.push(resolve));
    const waiting = untilOrLate(
      change,
      () => {
        looks++;
        return state === 2;
      },
      60_000,
    );
    for (const next of [1, 2]) {
      await new Promise((resolve) => setImmediate(resolve));
      state = next;
      changes.shift()!();
    }
    expect(await waiting).toBe('done');
    expect(looks).toBe(3); // before waiting, then once per change: no polling between them
  });

  it('is late when nothing changes within the bound', async () => {
    expect(
      await untilOrLate(
        () => new Promise<void>(() => undefined),
        () => false,
        20,
      ),
    ).toBe('late');
  });

  it('does not wait when the condition already holds', async () => {
    expect(
      await untilOrLate(
        () => new Promise<void>(() => undefined),
        () => true,
        60_000,
      ),
    ).toBe('done');
  });
});
