/**
 * What every scenario test file shares: the run's seed (decided once per `npm test` by
 * vitest-seed-setup.ts, printed first, fixed by SYNCSIM_SEED) and the file's case engine,
 * opened before its tests and closed after them.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import type { CaseEngine } from '../runner/case-engine.ts';
import type {} from './run-options-from-env.ts';
import type {} from './run-seed.ts';
import { useCaseEngine } from './use-case-engine.ts';

export const SEED: number = inject('syncsimSeed');

/**
 * `{ seed }` of the run, plus what `syncsim check` was asked for (--runs N raises every budget,
 * --verify-determinism replays cases twice): spread into runScenario's options.
 */
export const withSeed: { seed: number; minRuns?: number; verifyDeterminism?: boolean } = {
  seed: SEED,
  ...inject('syncsimRunOptions'),
};

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
