// Files the engine writes (database, backups, exports): readable by this user only, and never seen half
// written — a file appears under its final name whole (written to a temporary name, then renamed) or not
// at all, even when the process is killed.
import fs from 'node:fs';
import path from 'node:path';

const POSIX = process.platform !== 'win32';

/** 0600 on Linux/macOS (the ledger holds ID numbers and bank cards); Windows keeps the profile's ACLs. */
export function restrictFile(file: string): void {
  if (!POSIX) return;
  try { fs.chmodSync(file, 0o600); } catch (error) { if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; }
}

/** Creates the folder (0700) if needed; an existing folder of ours is tightened too. */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) fs.chmodSync(dir, 0o700);
}

const PARTIAL = /\.(\d+)\.partial(-journal|-wal|-shm)?$/;

/** The temporary name a file is written under before it is renamed to `target` (same folder, same disk). */
export function partialName(target: string): string {
  return `${target}.${process.pid}.partial`;
}

/** Renames a finished temporary file to its final name, flushed to disk first. */
export function publish(partial: string, target: string): void {
  const fd = fs.openSync(partial, 'r');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  restrictFile(partial);
  fs.renameSync(partial, target);
}

/** Writes a whole file atomically (exports, the CLI's --out files). */
export function writeFileWhole(target: string, data: Buffer | string): void {
  const partial = partialName(path.resolve(target));
  try {
    fs.writeFileSync(partial, data, { mode: 0o600 });
    publish(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Removes temporary files left by a killed process (never those of a process still writing them). */
export function removeStalePartials(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const name of fs.readdirSync(dir)) {
    const pid = PARTIAL.exec(name)?.[1];
    if (pid && !alive(Number(pid))) { fs.rmSync(path.join(dir, name), { force: true }); removed += 1; }
  }
  return removed;
}
