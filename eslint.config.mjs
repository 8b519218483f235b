// `npm run lint`, first step (docs/architecture.md, "Habits"): typescript-eslint's strict type-checked
// rules over every TypeScript file, each checked by the tsconfig that compiles it (the renderer by the
// DOM one, the end-to-end tests by theirs); the rules of hooks over the renderer; and no import cycle
// anywhere, so the arrows between engine, main and renderer stay one-way inside each folder too.

import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const typeScriptFiles = ['**/*.ts', '**/*.tsx'];

export default defineConfig(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'bench/results/**', '**/*.d.ts', 'engine/kernels/wasm/*.generated.ts'] },
  js.configs.recommended,
  {
    files: typeScriptFiles,
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        // Several tsconfigs, not the project service: the renderer and the end-to-end tests are compiled by
        // their own (tsconfig.web.json, tsconfig.e2e.json), which the nearest-tsconfig lookup would miss. The
        // first project holding a file checks it: the sources' own come before the tests' (which import them).
        project: ['./tsconfig.json', './tsconfig.web.json', './tsconfig.tests.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // noUncheckedIndexedAccess makes every typed-array read `number | undefined`; in the engine's loops
      // the index is in range by construction, and `a[i]!` is the one form that costs nothing at run time.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers in sentences (`${rows}×${cols}`) are the lab's whole vocabulary.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `_`-named parameters are the book's and the callbacks' way of saying "not used here".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `onClick={() => setOpen(false)}` and `.then((p) => !cancelled && setPreview(p))` say what they mean;
      // wrapping each in braces (300 places) would add lines, not clarity.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // The API's methods are `async` because the contract returns promises, whether or not one awaits inside.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests poke at parsed JSON, child-process messages and deliberately malformed input: `any` flowing
    // through an assertion is the point there, so the no-unsafe-* family is off for tests/ only.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // Their indexed reads already carry the `!` that noUncheckedIndexedAccess will want (tsconfig.tests.json).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Still off although the tests now pass noUncheckedIndexedAccess: with it on, 27 defensive spots read as needless (afterAll's
      // `e?.close()` after a beforeAll that threw, loops on flags a callback sets, `?? ''` on DOM text that can be null at run time).
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    extends: [reactHooks.configs.flat['recommended-latest']],
  },
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] })] },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    // Build scripts, the bin stub and this file are plain JavaScript run by Node, and the benchmark and
    // Vite's config are in no tsconfig (the benchmark is run by hand, Vite compiles its config itself).
    files: ['**/*.mjs', '**/*.js', 'bench/**/*.ts', 'vite.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
