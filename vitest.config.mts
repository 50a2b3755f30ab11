import { defineConfig } from 'vitest/config';

// The county's clock: dates users read are local, and tests must not depend on the machine's zone.
process.env.TZ = 'Asia/Shanghai';

/** Suites that need the PostgreSQL cluster whatever the default store (they compare both, or test PostgreSQL itself). */
const POSTGRES_ONLY = ['electron/backend/stores.test.ts', 'electron/backend/db/postgres.test.ts', 'electron/cli/postgres-cli.test.ts', 'electron/**/*-pg.test.ts'];

/** The suites that run on both stores: on SQLite in `unit`, on PostgreSQL in `unit-pg`. */
const POSTGRES_SUITES = [
  ...POSTGRES_ONLY,
  'electron/backend/people/people.test.ts',
  'electron/backend/payroll/payroll.test.ts',
  'electron/backend/posts/placements.test.ts',
  'electron/backend/employment/employment.test.ts',
  'electron/backend/admin/auth.test.ts',
  'electron/backend/registry.test.ts',
  'electron/backend/roles.test.ts',
  'electron/cli/server.test.ts',
  'electron/backend/reports/exports.test.ts',
  'electron/backend/reports/employment-reports.test.ts',
  // Two sessions on one store: versions refused, approvals with one winner (issue 16, pgoffice).
  'electron/backend/concurrent-edits.test.ts',
  // File imports, their history, undo and 与上次对比 (issue 16, pgimport).
  'electron/backend/import/import.test.ts',
  'electron/backend/import/import-scope.test.ts',
  'electron/backend/import/employment-import.test.ts',
  'electron/backend/import/placements-import.test.ts',
  'electron/backend/import/attendance.test.ts',
  'electron/backend/import/formats.test.ts',
  // A large sheet read on a worker while its rows are judged a piece at a time (issue 15).
  'electron/backend/import/xlsx/scan-aside.test.ts',
  'electron/backend/posts/placing-ledger.test.ts',
  // The bank's return file (an import kind) with the payment batches it answers.
  'electron/backend/payments/payments.test.ts',
];

/** The data folder (WORKBENCH_DATA_DIR) of the engine's tests: temporary, one per test file, removed after the run. */
const DATA_DIR_SETUP = 'electron/backend/testing/data-dir-setup.ts';
const DATA_DIR = 'electron/backend/testing/data-dir.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts'],
          // Suites about PostgreSQL itself run only in unit-pg, which starts the cluster they need.
          exclude: POSTGRES_ONLY,
          environment: 'node',
          // A temporary data folder per test file, never the user's (~/.local/share/…): testing/data-dir*.ts.
          globalSetup: [DATA_DIR_SETUP],
          setupFiles: [DATA_DIR],
          // A guard against hangs, not a speed test: tests that start CLI processes on the demo county take
          // 3 s on a quiet machine and over 30 s on a busy CI runner (seen with load 12 on 2 cores).
          testTimeout: 90_000,
          // The same guard for set-up: building the demo county in a beforeAll took over vitest's default 10 s
          // on a loaded machine (seen at load 9), the likely cause of an unexplained CI failure.
          hookTimeout: 90_000,
        },
      },
      {
        // The engine's main suites again on PostgreSQL (issue 16): a throwaway cluster for the run
        // (electron/backend/testing/postgres-setup.ts), a database per test file. Without PostgreSQL's
        // server binaries these fail (CI installs them); run alone with `npx vitest run --project unit-pg`.
        test: {
          name: 'unit-pg',
          include: POSTGRES_SUITES,
          environment: 'node',
          env: { WORKBENCH_TEST_STORE: 'postgres' },
          globalSetup: ['electron/backend/testing/postgres-setup.ts', DATA_DIR_SETUP],
          // A PostgreSQL store's automatic backups go to the data folder: a temporary one per test file.
          setupFiles: [DATA_DIR],
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time on a 2-core machine: specs run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
