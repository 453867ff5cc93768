/**
 * What `syncsim check` asks of every scenario run, passed to the test workers through the
 * environment (SYNCSIM_RUNS, SYNCSIM_VERIFY_DETERMINISM) and vitest's provide/inject.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    syncsimRunOptions: { minRuns?: number; verifyDeterminism?: boolean };
  }
}

export function runOptionsFromEnv(env: NodeJS.ProcessEnv): { minRuns?: number; verifyDeterminism?: boolean } {
  const runs = env.SYNCSIM_RUNS;
  if (runs !== undefined && !/^[1-9]\d{0,8}$/.test(runs.trim()))
    throw new Error(`SYNCSIM_RUNS must be a positive integer, got '${runs}'`);
  return {
    ...(runs !== undefined ? { minRuns: Number(runs.trim()) } : {}),
    ...(env.SYNCSIM_VERIFY_DETERMINISM === '1' ? { verifyDeterminism: true } : {}),
  };
}
