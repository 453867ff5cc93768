import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 8 },
        (() => {
          const r = new Rng(seed);
          return () => r.nextUint32();
        })(),
      );
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('forks named streams that do not move when another stream draws more', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    a.fork('faults').nextUint32();
    a.fork('faults').nextUint32();
    expect(a.fork('world').int(0, 1_000_000)).toBe(b.fork('world').int(0, 1_000_000));
    expect(a.fork('world').int(0, 1_000_000)).not.toBe(a.fork('faults').int(0, 1_000_000));
  });

  it('keeps int() inside its bounds and rejects bad bounds', () => {
    const r = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(r.int(3, 5));
    expect([...seen].sort()).toEqual([3, 4, 5]);
    expect(() => r.int(5, 3)).toThrow(/min <= max/);
  });
});
