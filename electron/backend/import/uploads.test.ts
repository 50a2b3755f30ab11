// Opened import files are kept per user: on the office server one clerk's files never push out another's.
import { describe, expect, it } from 'vitest';
import { getUpload, keepUpload } from './uploads';
import type { Spreadsheet } from './spreadsheet';

describe('opened import files', () => {
  it('are kept three per user, the oldest of that user going first, and only for the user who opened them', () => {
    const bytes = Buffer.from('x');
    const workbook = { sheets: [] } as unknown as Spreadsheet;
    const a = [1, 2, 3].map((n) => keepUpload('clerk-a', `a${n}.xlsx`, bytes, workbook));
    const b = Array.from({ length: 12 }, (_, n) => keepUpload(`clerk-b${n}`, `b${n}.xlsx`, bytes, workbook));
    for (const token of a) expect(getUpload(token, 'clerk-a').fileName).toMatch(/^a\d\.xlsx$/);
    const fourth = keepUpload('clerk-a', 'a4.xlsx', bytes, workbook);
    expect(() => getUpload(a[0]!, 'clerk-a')).toThrow(expect.objectContaining({ code: 'IMPORT_EXPIRED' }));
    expect(getUpload(fourth, 'clerk-a').fileName).toBe('a4.xlsx');
    expect(() => getUpload(b[0]!, 'clerk-a')).toThrow(expect.objectContaining({ code: 'IMPORT_EXPIRED' }));
    expect(getUpload(b[0]!, 'clerk-b0').fileName).toBe('b0.xlsx');
    // Only a user's newest file stays opened: the older ones are opened again from their bytes when used.
    expect(getUpload(fourth, 'clerk-a').workbook).toBe(workbook);
    expect(getUpload(a[2]!, 'clerk-a').workbook).toBeUndefined();
    expect(getUpload(b[0]!, 'clerk-b0').workbook).toBe(workbook);
  });
});
