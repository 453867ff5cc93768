import { defineConfig } from 'vitest/config';
import { discoverScenarioFiles } from './sims/project/discover-scenario-files.ts';
import { resolveProject } from './sims/project/resolve-project.ts';
import { sourceResolve, syncsimTestOptions } from './sims/testing/syncsim-test-options.ts';
import syncsimConfig from './syncsim.config.ts';

// `npm test`: every test of the repo, plus every discovered scenario variant as a test
// (sims/testing/scenario-variants-<i>.test.ts), with the settings `syncsim check` uses.
const project = resolveProject(import.meta.dirname, syncsimConfig);

export default defineConfig({
  ...sourceResolve(),
  test: {
    include: ['{src,fakes,sims,scenarios,mutation}/**/*.test.ts'],
    ...syncsimTestOptions({
      syncsimProjectRoot: project.root,
      syncsimScenarioFiles: discoverScenarioFiles(project),
    }),
  },
});
