import { defineConfig } from 'vitest/config';
import { CheapFirstSequencer } from './mutation/cheap-first-sequencer.ts';
import { moduleTests } from './mutation/module-tests.ts';
import { resolveProject } from './sims/project/resolve-project.ts';
import { sourceResolve, syncsimTestOptions } from './sims/testing/syncsim-test-options.ts';
import syncsimConfig from './syncsim.config.ts';

// `npm run mutation`'s tests for one src/ module (SYNCSIM_MUTATION_MODULE): the test files and
// the `holds` variants of the scenarios that reach it (mutation/module-tests.ts). `npm test`
// keeps vitest.config.ts; this file is read by Stryker's vitest runner only.
const module = process.env['SYNCSIM_MUTATION_MODULE'];
if (!module) throw new Error('SYNCSIM_MUTATION_MODULE is not set (run npm run mutation)');
const project = resolveProject(import.meta.dirname, syncsimConfig);
const { testFiles, scenarioFiles } = moduleTests(project.root, module);

export default defineConfig({
  ...sourceResolve(),
  test: {
    include: [...testFiles, ...(scenarioFiles.length > 0 ? ['mutation/holds-variants.mutation.ts'] : [])],
    ...syncsimTestOptions({ syncsimProjectRoot: project.root, syncsimScenarioFiles: scenarioFiles }),
    // Cheapest test file first: Stryker stops a mutant at its first failing test.
    sequence: { sequencer: CheapFirstSequencer },
  },
});
