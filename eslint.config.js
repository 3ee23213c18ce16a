// Lint = the layering rule of CONVENTIONS.md plus a few correctness rules; runs in `npm test`.
import tseslint from 'typescript-eslint';
import svelteParser from 'svelte-eslint-parser';
import codeLayering from './.eslint/rules/code-layering.js';

const local = { rules: { 'code-layering': codeLayering } };
const DOM_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location', 'fetch'];

export default [
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'docs/**'] },
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2024, sourceType: 'module' },
    plugins: { local, '@typescript-eslint': tseslint.plugin },
    rules: {
      'local/code-layering': 'error',
      'no-debugger': 'error',
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parser: svelteParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    plugins: { local, '@typescript-eslint': tseslint.plugin },
    rules: { 'local/code-layering': 'error' },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: 'core/ runs without a DOM' })), { name: 'process', message: 'core/ runs without Node' }, { name: 'require', message: 'core/ is ESM and pure' }],
    },
  },
];
