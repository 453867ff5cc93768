import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, it } from 'vitest';
import { layersPlugin } from '../../eslint-layers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The rule alone, without type information, so snippets can be linted in memory at any path.
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { syncsim: layersPlugin },
      rules: { 'syncsim/layers': ['error', { root }] },
    },
  ],
});

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the layers lint rule', () => {
  it.each([
    [
      'src/motopress/x.ts',
      "import { MotopressFake } from '../../fakes/motopress/index.ts';",
      /src\/ may not import fakes\//,
    ],
    ['src/motopress/x.ts', "import { Rng } from '../../sims/rng/rng.ts';", /src\/ may not import sims\//],
    ['src/x.ts', "import type { Rng } from '../sims/rng/rng.ts';", /src\/ may not import sims\//],
    ['src/bot/x.ts', "import { scenarios } from '../../scenarios/index.ts';", /src\/ may not import scenarios\//],
    ['src/bot/x.ts', "import '../../bench/engine-bench.ts';", /src\/ may not import bench\//],
    ['src/bot/x.ts', "export { x } from '../../fakes/io-gate.ts';", /src\/ may not import fakes\//],
    ['src/bot/x.ts', "await import('../../sims/rng/rng.ts');", /src\/ may not import sims\//],
    ['src/bot/x.ts', "import { defineScenario } from 'syncsim';", /may not import the package itself/],
    [
      'fakes/stream/x.ts',
      "import { withTransaction } from '../../src/db/with-transaction.ts';",
      /fakes\/ may not import src\//,
    ],
    ['fakes/stream/x.ts', "import type { Db } from '../../src/db/db.ts';", /fakes\/ may not import src\//],
    [
      'fakes/motopress/x.test.ts',
      "import { SimClock } from '../../sims/clock/sim-clock.ts';",
      /fakes\/ may not import sims\//,
    ],
    ['fakes/x.ts', "export * from '../scenarios/index.ts';", /fakes\/ may not import scenarios\//],
    ['sims/cli/x.ts', "import { scenarios } from '../../scenarios/index.ts';", /sims\/ may not import scenarios\//],
    [
      'sims/fs/x.ts',
      "import { fsError } from '../../src/bot/session-fs.ts';",
      /sims\/ may not import src\/ .*import type/,
    ],
    ['sims/fs/x.ts', "import { fsError, type SessionFs } from '../../src/bot/session-fs.ts';", /sims\/ .*src\//],
    ['sims/runner/x.test.ts', "import { SessionStore } from '../../src/bot/session-store.ts';", /sims\/ .*src\//],
    ['sims/x.ts', "const m = await import('../src/clock.ts');", /sims\/ .*src\//],
  ])('%s rejects %s', async (filePath, code, message) => {
    expect(await messages(filePath, code)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    [
      'src/motopress/x.ts',
      "import type { Clock } from '../clock.ts'; import { decodeTitle } from './decode-title.ts';",
    ],
    ['src/motopress/x.ts', "import pg from 'pg'; import { join } from 'node:path';"],
    ['fakes/stream/x.ts', "import { ioGate } from '../io-gate.ts';"],
    [
      'sims/runner/x.ts',
      "import type { Db } from '../../src/db/db.ts'; import { StreamFake } from '../../fakes/stream/index.ts';",
    ],
    ['sims/runner/x.ts', "import { type Db, type Queryable } from '../../src/db/db.ts';"],
    ['sims/fs/x.ts', "let fs: import('../../src/bot/session-fs.ts').SessionFs;"],
    ['sims/lint/x.test.ts', "import { nondeterminism } from '../../eslint-determinism.js';"],
    [
      'scenarios/properties/x.ts',
      "import { syncAll } from '../../src/motopress/sync-all.ts'; import { Rng } from '../../sims/rng/rng.ts';",
    ],
  ])('%s allows %s', async (filePath, code) => {
    expect(await messages(filePath, code)).toEqual([]);
  });
});

describe('the project lint config', () => {
  // Real files planted in each layer and linted with eslint.config.js itself, so the rule is
  // proven to be switched on for src/, fakes/ and sims/, not just to work in isolation.
  const planted = [
    [
      'src/motopress',
      "import { MotopressFake } from '../../fakes/motopress/index.ts';\nexport const x = MotopressFake;\n",
    ],
    ['fakes/stream', "import { SimClock } from '../../sims/clock/sim-clock.ts';\nexport const x = SimClock;\n"],
    [
      'fakes/motopress',
      "import { decodeTitle } from '../../src/motopress/decode-title.ts';\nexport const x = decodeTitle;\n",
    ],
    [
      'sims/cli',
      "import { lostUpdateScenario } from '../../scenarios/examples/lost-update/lost-update.scenario.ts';\nexport const x = lostUpdateScenario;\n",
    ],
    ['sims/fs', "import { fsError } from '../../src/bot/session-fs.ts';\nexport const x = fsError;\n"],
  ] as const;
  const files = planted.map(([dir], i) => join(root, dir, `planted-layer-violation-${process.pid}-${i}.ts`));
  afterEach(async () => Promise.all(files.map((f) => rm(f, { force: true }))));

  it('fails on each planted upward import', async () => {
    await Promise.all(
      planted.map(async ([, code], i) => {
        await mkdir(dirname(files[i]!), { recursive: true });
        await writeFile(files[i]!, code);
      }),
    );
    const results = await new ESLint({ cwd: root }).lintFiles(files);
    expect(results.map((r) => r.messages.map((m) => m.ruleId))).toEqual(planted.map(() => ['syncsim/layers']));
  });
});
