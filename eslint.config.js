// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { nondeterminism } from './eslint-determinism.js';
import { scenarioImports } from './eslint-scenario-imports.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.syncsim/**', 'coverage/**'] },
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
    files: ['scenarios/**'],
    rules: { 'no-restricted-imports': ['error', scenarioImports] },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
