/**
 * What every scenario test file shares: the seed `SYNCSIM_SEED` fixes (so `SYNCSIM_SEED=42 npm
 * test` replays a whole run; undefined lets fast-check draw one per run) and the file's case
 * engine, opened before its tests and closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import type { CaseEngine } from '../runner/case-engine.ts';
import { useCaseEngine } from './use-case-engine.ts';

export const SEED: number | undefined = process.env.SYNCSIM_SEED !== undefined ? Number(process.env.SYNCSIM_SEED) : undefined;

/** `{ seed }` when SYNCSIM_SEED is set, else `{}`: spread into runScenario's options. */
export const withSeed: { seed?: number } = SEED !== undefined ? { seed: SEED } : {};

/** Registers beforeAll/afterAll for the file's engine; call the result inside tests. */
export function fileCaseEngine(): () => CaseEngine {
  let engine: CaseEngine | undefined;
  beforeAll(async () => {
    engine = await useCaseEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });
  return () => {
    if (!engine) throw new Error('the case engine is not open yet (use it inside a test)');
    return engine;
  };
}
