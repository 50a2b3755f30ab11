import { describe, expect, it } from 'vitest';
import { clipboardTableText, parseClipboardTable } from './clipboard-table';

describe('clipboard tables (Excel / WPS)', () => {
  it('reads a column copied from Excel, with its trailing CRLF', () => {
    expect(parseClipboardTable('22\r\n20\r\n\r\n18\r\n')).toEqual([['22'], ['20'], [''], ['18']]);
  });
  it('reads a rectangle separated by tabs and newlines', () => {
    expect(parseClipboardTable('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
  });
  it('keeps empty cells at the ends of a row', () => {
    expect(parseClipboardTable('\t5\t\n')).toEqual([['', '5', '']]);
  });
  it('reads quoted cells with newlines and doubled quotes', () => {
    expect(parseClipboardTable('"line1\nline2"\t"say ""hi"""\r\nx\ty')).toEqual([['line1\nline2', 'say "hi"'], ['x', 'y']]);
  });
  it('treats a quote inside a cell as text', () => {
    expect(parseClipboardTable('5"\t6')).toEqual([['5"', '6']]);
  });
  it('writes what it reads', () => {
    const table = [['张三', '22'], ['李"四', 'a\tb'], ['', '0']];
    expect(parseClipboardTable(clipboardTableText(table))).toEqual(table);
  });
});
