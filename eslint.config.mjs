// Lint, with the architecture's layers as errors (STYLE.md, ARCHITECTURE.md): shared/ is pure, the renderer
// never reaches into the engine or Node, the engine never imports Electron, every caller outside the engine
// reaches it through dispatch, a feature's registration never imports another's, repositories never import
// features, and the Electron shell never imports the CLI. In a flat config the last block that sets a rule
// for a file wins, so each block below repeats the engine's patterns it must keep.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'zlib', 'url', 'util', 'stream', 'buffer'];
const restrict = (patterns, message, more = []) => ({
  'no-restricted-imports': ['error', { patterns: [...patterns.map((group) => ({ group: [group], message })), ...more] }],
});

const ENGINE = ['electron', '**/renderer/**', '**/main/**', '**/preload/**'];
const ENGINE_MESSAGE = 'the engine runs in plain Node: it never imports Electron or the renderer';
const FEATURES = ['people', 'posts', 'payroll', 'employment', 'import', 'reports', 'admin'];
/** A feature's registration (its channels.ts) imports its own modules and services, never another door. */
const REGISTRATION = [{ group: ['../*/channels', '../*/handlers', '../channels', '../dispatch'], message: "a feature's channels.ts registers its own channels: it never imports another feature's channels.ts or handlers (share a service instead)" }];
/** Repositories are plain functions over the database: no feature logic above them. */
const REPOSITORY = [{
  // Relative imports other than the schema, the failure type, the context's types, migrations, the division
  // catalogue, other repositories and file-safety (0600 files, temp+rename), and within db/ the store's own
  // modules (database, postgres) (shared/ is three or more levels up and stays allowed).
  regex: '^\\.\\.?/(?!(\\.\\./)*(db/schema|db/migrations/|migrations/|schema$|failure$|file-safety$|context$|catalogue$|database$|postgres$|[a-z-]*/?[a-z-]*repository$|shared/))',
  message: 'a repository imports only the schema, other repositories and the failure type: never a feature\'s services, handlers or channels',
}];

/** Outside the engine (the CLI, the benchmarks), the features are reached through dispatch only. */
const ONE_DOOR = [{
  group: [...FEATURES.map((f) => `**/backend/${f}/**`), '!**/backend/admin/users-repository'],
  message: 'callers outside the engine reach it through dispatch(ctx, channel, input) (electron/backend/dispatch.ts), never a feature module',
}];

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
    rules: restrict(ENGINE, ENGINE_MESSAGE),
  },
  {
    files: FEATURES.map((f) => `electron/backend/${f}/channels.ts`),
    rules: restrict(ENGINE, ENGINE_MESSAGE, REGISTRATION),
  },
  {
    files: ['electron/backend/**/*repository.ts', 'electron/backend/**/repository.ts', 'electron/backend/db/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(ENGINE, ENGINE_MESSAGE, REPOSITORY),
  },
  {
    files: ['electron/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(ENGINE, ENGINE_MESSAGE, ONE_DOOR),
  },
  {
    files: ['bench/**/*.ts'],
    rules: restrict([], '', ONE_DOOR),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict(['**/cli/**', '**/cli'], 'the Electron shell starts the engine and relays to dispatch; it never imports the CLI'),
  },
  {
    // The desktop app's engine process: plain Node like the engine (utilityProcess gives it process.parentPort).
    files: ['electron/utility/**/*.ts'],
    rules: restrict(['electron', '**/renderer/**', '**/main/**', '**/preload/**', '**/cli/**'],
      'the engine process runs the engine in plain Node: no Electron, renderer, shell or CLI imports', ONE_DOOR),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict([...nodeBuiltins, '**/backend/**', '**/renderer/**'],
      'the preload only exposes the contract channels'),
  },
);
