/**
 * The seed of a whole test run. Every scenario test file runs its properties from it, so a red
 * run - a broken invariant, or a test that timed out before it could report one - is replayed
 * by `SYNCSIM_SEED=<seed> npm test`. Drawn once per run when not given, and always printed.
 */
import { randomInt } from 'node:crypto';

declare module 'vitest' {
  export interface ProvidedContext {
    syncsimSeed: number;
  }
}

const MIN = -0x80000000;
const MAX = 0x7fffffff;

/**
 * A seed as fast-check takes it: a signed 32-bit integer, the range syncsim prints. Anything
 * else is refused, never wrapped (fast-check would silently run 99999999999 as 1215752191).
 * `name` is where the text came from (SYNCSIM_SEED, --seed), for the one-line error.
 */
export function parseSeed(text: string, name: string): number {
  const seed = /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(seed) || seed < MIN || seed > MAX) {
    // JSON-quoted when it holds control characters, so the error stays one line.
    // eslint-disable-next-line no-control-regex
    const shown = /[\u0000-\u001f\u007f]/.test(text) ? JSON.stringify(text) : `'${text}'`;
    throw new Error(`${name} must be an integer from ${MIN} to ${MAX}, got ${shown}`);
  }
  // -0 is 0: a printed seed never reads "-0".
  return seed === 0 ? 0 : seed;
}

/** SYNCSIM_SEED as fast-check takes it, or an error that names the problem. */
export function parseRunSeed(text: string): number {
  return parseSeed(text, 'SYNCSIM_SEED');
}

/**
 * The one place a run's randomness enters: everything after it is a function of this seed.
 * (The determinism lint rule does not cover crypto.randomInt; it is used here on purpose.)
 */
export function drawRunSeed(): number {
  return randomInt(0, MAX);
}
