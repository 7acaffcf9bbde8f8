// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Layers, as VS Code enforces its own: shells -> core -> (db, native-models); the renderer sees only the contract.
 * Each entry forbids the imports that would point a dependency the wrong way.
 */
const coreForbids = ['electron', '**/cli/**', '**/main/**', '**/preload/**', '**/http/**', '**/renderer/**'];
const rawDbMessage = 'Outside db/, the library is reached through its services and db/\'s named functions, never the database connection itself.';

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
  layer(['electron/core/**'], coreForbids, 'The headless core never imports Electron or a shell (CLI, main, preload, HTTP) or the UI.'),
  // The API handlers answer through the services (LibraryService, CorrectionService, learning), never by reading
  // repositories or search functions themselves: one implementation of each rule behind each method.
  layer(['electron/core/api/**'], [...coreForbids, '**/db/**'], 'API handlers reach the library through the core services, not db/.'),
  layer(['electron/contract/**'], ['**/core/**', '**/db/**', '**/native-models/**', 'electron', '**/renderer/**'], 'The contract is types and schemas only.'),
  {
    // `electron` is named as a module, not a pattern: as a pattern it would match the electron/ folder and so
    // the contract itself, which is the one thing the renderer may import.
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer imports only the contract (electron/contract).' }],
          patterns: [
            {
              group: ['**/core/**', '**/cli/**', '**/main/**', '**/http/**', '**/db/**', '**/native-models/**', '**/preload/**', 'electron/*', 'node:fs', 'node:path', 'node:child_process'],
              message: 'The renderer imports only the contract (electron/contract).',
            },
          ],
        },
      ],
    },
  },
  layer(
    ['electron/cli/**', 'electron/http/**'],
    ['electron', '**/renderer/**', '**/main/**', '**/preload/**', '**/db/**', '**/native-models/**'],
    'Headless shells run without Electron and reach the library through electron/core, never db/ or the models.',
  ),
  {
    // Shells and API handlers hold services, not the database: `library.db` is core-internal.
    files: ['electron/cli/**', 'electron/http/**', 'electron/main/**', 'electron/core/api/**'],
    rules: { 'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='db']", message: rawDbMessage }] },
  },
  {
    // The raw SQLite connection (`LibraryDatabase.db`) belongs to db/: elsewhere SQL runs only through db/'s named functions.
    files: ['electron/**'],
    ignores: ['electron/cli/**', 'electron/http/**', 'electron/main/**', 'electron/core/api/**'],
    rules: { 'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='db'][object.type='MemberExpression'][object.property.name='db']", message: rawDbMessage }] },
  },
  layer(
    ['electron/main/**'],
    ['**/db/**', '**/native-models/**', '**/renderer/**', '**/cli/**', '**/http/**'],
    'The main process is a thin shell: it reaches the library through electron/core, never the database, the models or another shell.',
  ),
  {
    // A sandboxed preload's `require` knows only 'electron' (and a few Node built-ins): any other runtime import
    // fails when the window opens. Types may come from anywhere; they are gone by then.
    files: ['electron/preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['*', '!electron'], allowTypeImports: true, message: 'The sandboxed preload may import only electron at runtime (types are fine).' }] },
      ],
      // `import x = require()` is how a .cts file imports under verbatimModuleSyntax.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
);
