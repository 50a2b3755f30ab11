import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/temp-db';
import { writeReportFile, requireOutFolder } from './write-file';
import { WorkbenchFailure } from '../backend/failure';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writing a report file', () => {
  it('writes under a temporary name and renames, leaving only the report', () => {
    dir = tempDir();
    const target = path.join(dir, '卢龙县_R4_2022年6月.xlsx');
    writeReportFile(target, Buffer.from('new'));
    expect(fs.readdirSync(dir)).toEqual([path.basename(target)]);
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
  });

  it('tells the user to close a file another program holds open (EBUSY/EPERM on Windows), and leaves no half-written file', () => {
    dir = tempDir();
    const target = path.join(dir, 'r.xlsx');
    fs.writeFileSync(target, 'old');
    for (const code of ['EBUSY', 'EPERM']) {
      const ops = {
        writeFileSync: fs.writeFileSync, rmSync: fs.rmSync,
        renameSync: () => { throw Object.assign(new Error(code), { code }); },
      };
      let failure: unknown;
      try { writeReportFile(target, Buffer.from('new'), ops); } catch (error) { failure = error; }
      expect(failure).toBeInstanceOf(WorkbenchFailure);
      expect((failure as WorkbenchFailure).code).toBe('FILE_IN_USE');
      expect((failure as Error).message).toBe(`文件正被其他程序打开，请关闭后重试：${target}`);
      expect(fs.readdirSync(dir)).toEqual(['r.xlsx']);
      expect(fs.readFileSync(target, 'utf8')).toBe('old');
    }
  });

  it('refuses an --out that is a file or lies under one', () => {
    dir = tempDir();
    const file = path.join(dir, 'f');
    fs.writeFileSync(file, '');
    expect(() => requireOutFolder(file)).toThrow(expect.objectContaining({ code: 'OUT_NOT_FOLDER' }));
    expect(() => requireOutFolder(path.join(file, 'x'))).toThrow(expect.objectContaining({ code: 'OUT_NOT_WRITABLE' }));
    expect(requireOutFolder(path.join(dir, 'new', 'folder'))).toBe(path.join(dir, 'new', 'folder'));
  });
});
