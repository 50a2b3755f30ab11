// In-code migration provider: survives bundling into an asar, unlike a file-system provider.
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_init';
import * as m002 from './002_payroll';

export const migrations: Record<string, Migration> = {
  '001_init': m001,
  '002_payroll': m002,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
