import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { nondeterminism } from '../../eslint-determinism.js';

// The rule as the project applies it under src/, fakes/ and sims/, without type information
// so snippets can be linted in memory.
const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      rules: { 'no-restricted-syntax': ['error', ...nondeterminism] },
    },
  ],
});

async function messages(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: 'sims/snippet.ts' });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('the determinism lint rule', () => {
  it.each([
    ['Math.random()', /Math\.random/],
    ['Date.now()', /Date\.now/],
    ['new Date()', /wall clock/],
    ['crypto.randomUUID()', /randomUUID/],
    ["import { randomUUID } from 'node:crypto'; randomUUID();", /randomUUID/],
    ["import { delay } from 'msw'; await delay();", /delay\(\)/],
  ])('rejects %s', async (code, message) => {
    expect(await messages(code)).toEqual([expect.stringMatching(message)]);
  });

  it('allows the injected and explicit forms', async () => {
    expect(
      await messages("new Date('2025-11-19T22:19:09.984Z'); new Date(clock.now()); rng.next(); delay(50);"),
    ).toEqual([]);
  });
});
