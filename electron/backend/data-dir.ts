// Where the workbench keeps its database and backups on this machine (the user's data folder).
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(): string {
  if (process.env.WORKBENCH_DATA_DIR) return process.env.WORKBENCH_DATA_DIR;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'CountyEmploymentWorkbench');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'CountyEmploymentWorkbench');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'county-employment-workbench');
}

export function defaultDatabasePath(): string {
  return path.join(defaultDataDir(), 'workbench.sqlite');
}
