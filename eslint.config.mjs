// Lint, with the architecture's layers as errors (STYLE.md): shared/ is pure, the renderer never reaches
// into the engine or Node, the engine never imports Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'zlib', 'url', 'util', 'stream', 'buffer'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([...nodeBuiltins, 'electron', 'kysely', 'exceljs', 'better-sqlite3', 'react', 'react-dom', '**/electron/**', '**/renderer/**'],
      'shared/ is pure TypeScript: no Node, Electron, DOM, database or Excel imports'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict([...nodeBuiltins, 'electron', 'kysely', 'exceljs', 'better-sqlite3', '**/electron/**'],
      'the renderer talks to the engine only through the Api (renderer/src/api.ts)'),
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/cli/**/*.ts'],
    rules: restrict(['electron', '**/renderer/**', '**/main/**', '**/preload/**'],
      'the engine runs in plain Node: it never imports Electron or the renderer'),
  },
  {
    // The desktop app's engine process: plain Node like the engine (utilityProcess gives it process.parentPort).
    files: ['electron/utility/**/*.ts'],
    rules: restrict(['electron', '**/renderer/**', '**/main/**', '**/preload/**', '**/cli/**'],
      'the engine process runs the engine in plain Node: no Electron, renderer, shell or CLI imports'),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict([...nodeBuiltins, '**/backend/**', '**/renderer/**'],
      'the preload only exposes the contract channels'),
  },
);
