// vitest globalSetup of the `unit` and `unit-pg` projects: a temporary data folder for the run, removed when
// it ends. Without it, what the engine keeps in the user's data folder (a PostgreSQL store's automatic
// backups, a CLI command given no --db) would be written into the home of whoever runs the tests
// (~/.local/share/county-employment-workbench). Each test file gets a folder of its own inside it (data-dir.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's temporary data folder; each test file's WORKBENCH_DATA_DIR is a folder inside it. */
    testDataRoot: string;
  }
}

export default function setup(project: TestProject): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-test-data-'));
  project.provide('testDataRoot', root);
  return () => { fs.rmSync(root, { recursive: true, force: true }); };
}
