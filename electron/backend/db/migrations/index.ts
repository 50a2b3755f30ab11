// In-code migration provider: survives bundling into an asar, unlike a file-system provider.
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_init';
import * as m002 from './002_import_snapshots';
import * as m003 from './003_placements';
import * as m004 from './004_employment';

export const migrations: Record<string, Migration> = {
  '001_init': m001,
  '002_import_snapshots': m002,
  '003_placements': m003,
  '004_employment': m004,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
