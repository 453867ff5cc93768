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

/** SYNCSIM_SEED as fast-check takes it (a 32-bit integer), or an error that names the problem. */
export function parseRunSeed(text: string): number {
  const seed = /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(seed) || seed < MIN || seed > MAX) {
    throw new Error(`SYNCSIM_SEED must be an integer from ${MIN} to ${MAX}, got '${text}'`);
  }
  return seed;
}

/**
 * The one place a run's randomness enters: everything after it is a function of this seed.
 * (The determinism lint rule does not cover crypto.randomInt; it is used here on purpose.)
 */
export function drawRunSeed(): number {
  return randomInt(0, MAX);
}
