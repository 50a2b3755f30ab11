// vitest globalSetup of the `unit-pg` project: one throwaway PostgreSQL cluster for the run (each test
// file makes its own databases in it), stopped and removed when the run ends.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the cluster's maintenance database (the harness's superuser): tests create their databases from it. */
    postgresAdminUrl: string;
    postgresVersion: string;
  }
}

let cluster: PostgresCluster | undefined;

export default async function setup(project: TestProject): Promise<() => void> {
  cluster = await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster.url('postgres'));
  project.provide('postgresVersion', cluster.version);
  return () => { cluster?.stop(); };
}
