import { describe, expect, it } from 'vitest';
import { drawRunSeed, parseRunSeed } from './run-seed.ts';

describe('the run seed', () => {
  it.each([
    ['42', 42],
    [' -7 ', -7],
    ['2147483647', 2147483647],
    ['-2147483648', -2147483648],
  ])('accepts %j', (text, seed) => {
    expect(parseRunSeed(text)).toBe(seed);
  });

  it.each(['', 'abc', '1.5', '1e3', '2147483648', '-2147483649', '0x10'])(
    'rejects %j naming the variable and the value',
    (text) => {
      expect(() => parseRunSeed(text)).toThrow(
        `SYNCSIM_SEED must be an integer from -2147483648 to 2147483647, got '${text}'`,
      );
    },
  );

  it('draws a seed fast-check accepts', () => {
    const seed = drawRunSeed();
    expect(Number.isSafeInteger(seed) && seed >= 0 && seed <= 0x7fffffff).toBe(true);
  });
});
