import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { scenarioImports } from '../../eslint-scenario-imports.js';

// The rule as eslint.config.js applies it under scenarios/, linted in memory.
const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      rules: { 'no-restricted-imports': ['error', scenarioImports] },
    },
  ],
});

async function messages(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: 'scenarios/incidents/x/x.scenario.ts' });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('scenarios import only public entry points', () => {
  it.each([
    "import { defineScenario } from '../../../sims/runner/scenario.ts';",
    "import type { Invariant } from '../../sims/invariants/invariant.ts';",
    "import { MotopressStore } from '../../../fakes/motopress/motopress-store.ts';",
    "import { StreamFake } from '../../fakes/stream/index.ts';",
    "export { runScenario } from '../../sims/runner/run-scenario.ts';",
  ])('rejects the deep import %s', async (code) => {
    expect(await messages(code)).toEqual([expect.stringMatching(/public entry points/)]);
  });

  it.each([
    "import { x } from 'syncsim/dist/sims/index.js';",
    "import { x } from 'syncsim/fakes/motopress/wp-error.ts';",
  ])('rejects a package path that is not an entry point: %s', async (code) => {
    expect(await messages(code)).toEqual([expect.stringMatching(/Not a syncsim entry point/)]);
  });

  it('allows the entry points, the modules under test and files beside the scenario', async () => {
    expect(
      await messages(
        [
          "import { defineScenario } from 'syncsim';",
          "import { fileCaseEngine } from 'syncsim/vitest';",
          "import { StreamFake } from 'syncsim/fakes/stream';",
          "import { MotopressFake } from 'syncsim/fakes/motopress';",
          "import { syncAll } from '../../../src/motopress/sync-all.ts';",
          "import { INDO } from './indo-world.ts';",
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
