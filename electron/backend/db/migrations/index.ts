// In-code migration provider: survives bundling into an asar, unlike a file-system provider.
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_init';
import * as m002 from './002_payroll';
import * as m003 from './003_placements';

export const migrations: Record<string, Migration> = {
  '001_init': m001,
  '002_payroll': m002,
  '003_placements': m003,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
