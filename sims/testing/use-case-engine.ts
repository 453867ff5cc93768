/**
 * For scenario test files: the file's own database (cloned from the run's template) with the
 * case engine on top. Lock waiters are paused and woken in order only when the backends are
 * local (the embedded server).
 */
import { inject } from 'vitest';
import { useTestDatabase } from '../postgres/index.ts';
import { openCaseEngine, type CaseEngine } from '../runner/case-engine.ts';

export async function useCaseEngine(): Promise<CaseEngine> {
  const database = await useTestDatabase();
  return openCaseEngine(database.url, { localBackends: inject('syncsimPostgres').kind === 'embedded' });
}
