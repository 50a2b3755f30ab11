// vitest setup file of the `unit` and `unit-pg` projects: the test file's own data folder (WORKBENCH_DATA_DIR)
// inside the run's temporary one (data-dir-setup.ts, which removes it when the run ends), so test files
// running side by side never prune or read each other's backups, and nothing is written into the home folder.
// Processes the tests start (serve, CLI commands) inherit it. A suite may still point it elsewhere itself.
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

process.env.WORKBENCH_DATA_DIR = fs.mkdtempSync(path.join(inject('testDataRoot'), 'file-'));
