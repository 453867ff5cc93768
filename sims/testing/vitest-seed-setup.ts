// Decides the run's seed before any test file starts and hands it to the workers (provide /
// inject): SYNCSIM_SEED when set, else a fresh one. Printing it first means even a run that
// dies on a timeout names the seed that replays it.
// Runs in vitest's main process: nothing here may import 'vitest' at runtime.
import type { TestProject } from 'vitest/node';
import { drawRunSeed, parseRunSeed } from './run-seed.ts';
import { runOptionsFromEnv } from './run-options-from-env.ts';

export default function setup(project: TestProject): void {
  const given = process.env.SYNCSIM_SEED;
  let seed: number;
  try {
    seed = given !== undefined ? parseRunSeed(given) : drawRunSeed();
  } catch (error) {
    // A bad SYNCSIM_SEED is the user's to fix: one line, exit 3, before anything starts.
    console.error(`[syncsim] ${(error as Error).message}`);
    process.exit(3);
  }
  console.log(
    `[syncsim] seed ${seed}${given !== undefined ? ' (SYNCSIM_SEED)' : ''}: SYNCSIM_SEED=${seed} npm test (or syncsim check --seed ${seed}) replays this run`,
  );
  project.provide('syncsimSeed', seed);
  project.provide('syncsimRunOptions', runOptionsFromEnv(process.env));
}
