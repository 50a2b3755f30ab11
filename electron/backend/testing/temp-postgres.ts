// A database of its own for a test, in the run's throwaway PostgreSQL cluster (started by the unit-pg
// project's globalSetup, testing/postgres-setup.ts).
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

async function onMaintenance<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error('no PostgreSQL cluster: PostgreSQL tests run in the unit-pg project (npx vitest run --project unit-pg), which starts one');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try { return await work(client); } finally { await client.end(); }
}

/** A new empty database in the run's cluster; `drop` removes it (closing any session left on it). */
export async function tempPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `wb_${crypto.randomBytes(6).toString('hex')}`;
  await onMaintenance((client) => client.query(`create database "${name}" encoding 'UTF8' template template0`));
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onMaintenance(async (client) => { await client.query(`drop database if exists "${name}" with (force)`); }) };
}

