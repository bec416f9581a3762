// Lint for the whole tree. Layering (DESIGN.md section 3) is enforced here per folder and
// again, independently, by test/unit/architecture.test.ts.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto'];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'release',
      'coverage',
      'test-results',
      '.bench',
      '.scratch',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no Node.' },
            {
              group: ['electron', 'sql.js', 'xlsx', 'react', 'react-dom', 'papaparse'],
              message: 'shared/ imports nothing outside itself.',
            },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports nothing outside itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts', 'electron/serve/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'react', 'react-dom'],
              message: 'The engine never imports electron or react.',
            },
            {
              group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'],
              message: 'The engine imports only shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: nodeBuiltins,
              message: 'The renderer has no Node: ask the engine through window.api.',
            },
            {
              group: ['electron', 'sql.js', 'xlsx', 'papaparse'],
              message: 'The renderer talks only to window.api.',
            },
            { group: ['**/electron/**'], message: 'The renderer imports only shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.config.*',
      'scripts/**',
      'bin/**',
      'test/closing-line-reporter.ts',
      'test/e2e/global-setup.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
