// Writing a report file so that nothing half-written is ever left under the report's name: written to a
// temporary name beside it, then renamed over it. On Windows a file open in Excel or WPS cannot be replaced
// (EBUSY / EPERM): the user is told to close it, in the one message for that, and the temporary file goes.
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchFailure } from '../backend/failure';

export interface FileOps {
  writeFileSync(file: string, data: Buffer): void;
  renameSync(from: string, to: string): void;
  rmSync(file: string, options: { force: boolean }): void;
}

const IN_USE = new Set(['EBUSY', 'EPERM', 'EACCES']);

export function writeReportFile(target: string, data: Buffer, ops: FileOps = fs): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    ops.writeFileSync(temporary, data);
    ops.renameSync(temporary, target);
  } catch (error) {
    ops.rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (IN_USE.has(code)) throw new WorkbenchFailure('FILE_IN_USE', { file: target });
    throw error;
  }
}

/** `--out`: a folder (made if missing) that can be written; a file, or a folder that cannot be, is refused. */
export function requireOutFolder(out: string): string {
  const folder = path.resolve(out);
  if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) throw new WorkbenchFailure('OUT_NOT_FOLDER', { path: folder });
  try {
    fs.mkdirSync(folder, { recursive: true });
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new WorkbenchFailure('OUT_NOT_WRITABLE', { path: folder, detail: e.code === 'ENOTDIR' ? '路径中有一段是文件' : e.code === 'EACCES' || e.code === 'EPERM' ? '没有写入权限' : e.message });
  }
  return folder;
}
