// ESLint (typescript-eslint) for every TypeScript file and the review page's browser scripts.
// Prettier owns the layout (.prettierrc.json); ESLint owns correctness and the 120-column limit.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// strings, regexes and template literals count too: long ones are split into parts; only a line
// made long by a URL alone is let through
const maxLen = ['error', { code: 120, ignoreUrls: true }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tests/out/**', 'coverage/**', 'tests/corpus/**', 'samples/**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'max-len': maxLen,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // lazy require() keeps heavy modules (BullMQ, pdfjs, express) out of commands that do not need them
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['apps/web/static/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
    rules: { 'max-len': maxLen },
  },
  {
    files: ['**/*.cjs', 'bin/**/*.js', 'jest.config.js', 'tests/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
