// The snapshot encoded on a worker thread is byte for byte the one encoded on this thread (the worker's code
// is a plain-JavaScript copy of member()), for no rows, one chunk, several chunks and rows with fields missing.
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, encodeSnapshotAside } from './snapshots';
import type { SnapshotRow } from './kind';

function rows(count: number): SnapshotRow[] {
  return Array.from({ length: count }, (_, i): SnapshotRow => ({
    key: `13032419800101${String(i).padStart(4, '0')}`,
    label: `人员${i}"\\`,
    fields: i % 3 === 0 ? { 姓名: `人员${i}`, 村: '范庄村' } : { 姓名: `人员${i}`, 备注: `第${i}行\n"引号"`, 村: '' },
  }));
}

describe('encodeSnapshotAside', () => {
  it.each([0, 1, 4999, 5000, 12_345])('gives the bytes encodeSnapshot gives for %i rows', (count) => {
    const list = rows(count);
    const aside = encodeSnapshotAside(list).take();
    expect(aside.equals(encodeSnapshot(list))).toBe(true);
    expect(decodeSnapshot(aside)).toEqual(list);
  });
});
