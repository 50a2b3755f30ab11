// In-code migration provider: survives bundling into an asar, unlike a file-system provider.
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_init';
import * as m002import from './002_import_snapshots';
import * as m002payroll from './002_payroll';
import * as m003 from './003_placements';
import * as m004 from './004_employment';
import * as m202611300547 from './202611300547_payment_batches';
import * as m202611300600 from './202611300600_report_settings';
import * as m202611300845 from './202611300845_row_versions';

// Kysely runs migrations in name order. The first five keep their names for ever (databases store them;
// two parallel pieces of work each added a 002). Every new one is named by the UTC minute it was written,
// `2026MMDDHHMM_<what>` (e.g. 202611300630_report_settings): it sorts after the old ones, and two pieces
// of work cannot collide by counting. Add its hash to SHIPPED in migrations.test.ts; never edit a shipped one.
export const migrations: Record<string, Migration> = {
  '001_init': m001,
  '002_import_snapshots': m002import,
  '002_payroll': m002payroll,
  '003_placements': m003,
  '004_employment': m004,
  '202611300547_payment_batches': m202611300547,
  '202611300600_report_settings': m202611300600,
  '202611300845_row_versions': m202611300845,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
