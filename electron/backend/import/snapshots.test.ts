// The snapshot encoded on a worker thread is byte for byte the one encoded on this thread (the worker's code
// is a plain-JavaScript copy of member()), for no rows, one chunk, several chunks and rows with fields missing.
import { describe, expect, it } from 'vitest';
import { ASIDE_FROM_ROWS, decodeSnapshot, encodeSnapshot, encodeSnapshotAside } from './snapshots';
import type { SnapshotRow } from './kind';

function rows(count: number): SnapshotRow[] {
  return Array.from({ length: count }, (_, i): SnapshotRow => ({
    key: `13032419800101${String(i).padStart(4, '0')}`,
    label: `人员${i}"\\`,
    fields: i % 3 === 0 ? { 姓名: `人员${i}`, 村: '范庄村' } : { 姓名: `人员${i}`, 备注: `第${i}行\n"引号"`, 村: '' },
  }));
}

describe('encodeSnapshotAside', () => {
  // On the worker (the count given above the threshold, whatever the rows) and, for a small batch, here.
  it.each([0, 1, 4999, 5000, 12_345, 25_001])('gives the bytes encodeSnapshot gives for %i rows', (count) => {
    const list = rows(count);
    const aside = encodeSnapshotAside(list, Math.max(count, ASIDE_FROM_ROWS)).take();
    expect(encodeSnapshotAside(list, 0).take().equals(aside)).toBe(true);
    expect(aside.equals(encodeSnapshot(list))).toBe(true);
    expect(decodeSnapshot(aside)).toEqual(list);
  });
});
