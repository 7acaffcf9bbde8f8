// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Layers, as VS Code enforces its own: shells -> core -> (db, native-models); the renderer sees only the contract.
 * Each entry forbids the imports that would point a dependency the wrong way.
 */
const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'renderer/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer(['db/**'], ['**/electron/**', '**/native-models/**', '**/renderer/**', 'electron'], 'db/ is the bottom layer: it may not import the app, the models or the UI.'),
  layer(['native-models/**'], ['**/electron/**', '**/db/**', '**/renderer/**', 'electron'], 'native-models/ stands alone: the core calls it, never the reverse.'),
  layer(
    ['electron/core/**'],
    ['electron', '**/cli/**', '**/main/**', '**/preload/**', '**/http/**', '**/renderer/**'],
    'The headless core never imports Electron or a shell (CLI, main, preload, HTTP) or the UI.',
  ),
  layer(['electron/contract/**'], ['**/core/**', '**/db/**', '**/native-models/**', 'electron', '**/renderer/**'], 'The contract is types and schemas only.'),
  layer(['renderer/**'], ['**/core/**', '**/cli/**', '**/main/**', '**/http/**', '**/db/**', '**/native-models/**', 'electron', 'node:fs', 'node:path', 'node:child_process'], 'The renderer imports only the contract (electron/contract).'),
  layer(['electron/cli/**', 'electron/http/**'], ['electron', '**/renderer/**', '**/main/**', '**/preload/**'], 'Headless shells must run without Electron.'),
);
