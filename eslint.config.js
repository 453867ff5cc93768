// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { nondeterminism } from './eslint-determinism.js';
import { layersPlugin } from './eslint-layers.js';
import { scenarioImports } from './eslint-scenario-imports.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.syncsim/**', 'coverage/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
    },
  },
  {
    // Wall-clock measurement belongs in bench/ only, never in anything that decides an outcome.
    files: ['src/**', 'fakes/**', 'sims/**'],
    rules: { 'no-restricted-syntax': ['error', ...nondeterminism] },
  },
  {
    // src/ <- fakes/ <- sims/ <- scenarios/, tests included: what each layer may import is in
    // eslint-layers.js (sims/ takes src/ types only; src/ and fakes/ nothing above them).
    files: ['src/**', 'fakes/**', 'sims/**'],
    // A user's project that the pack-and-install test copies out: it imports syncsim by name.
    ignores: ['sims/package/fixtures/**'],
    plugins: { syncsim: layersPlugin },
    rules: { 'syncsim/layers': ['error', { root: import.meta.dirname }] },
  },
  {
    // Scenarios import syncsim's public entry points, as a team's own scenarios do.
    files: ['scenarios/**'],
    rules: { 'no-restricted-imports': ['error', scenarioImports] },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
