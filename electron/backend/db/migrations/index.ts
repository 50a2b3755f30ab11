// In-code migration provider: survives bundling into an asar, unlike a file-system provider.
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_init';
import * as m002import from './002_import_snapshots';
import * as m002payroll from './002_payroll';
import * as m003 from './003_placements';
import * as m004 from './004_employment';
import * as m202611300547 from './202611300547_payment_batches';

// Two parallel pieces of work each added a 002; kysely runs migrations in name order, so both keep their place.
export const migrations: Record<string, Migration> = {
  '001_init': m001,
  '002_import_snapshots': m002import,
  '002_payroll': m002payroll,
  '003_placements': m003,
  '004_employment': m004,
  '202611300547_payment_batches': m202611300547,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
