// Lint: typescript-eslint recommended everywhere, plus the layering rule that keeps shared/ pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', '.tmp', 'out', 'dist', 'dist-web', 'release', 'test-results', 'playwright-report', 'bench/.data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'], message: 'shared/ must not import Node modules.' },
          { group: ['electron', 'react', 'react-dom', 'dexie', '**/renderer/**', '**/electron/**', '**/cli/**'], message: 'shared/ is the pure core: no UI, Electron or storage imports.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'node:*'], message: 'The renderer talks to WorkbenchHost, never to Electron or Node.' }] }],
    },
  },
);
