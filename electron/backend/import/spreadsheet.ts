// Every file a township sends, opened the same way: what the bytes are decides the reader — an .xlsx/.xlsm
// package (our own streaming reader, xlsx/), a legacy .xls or WPS .et/.ett workbook (BIFF in an OLE compound
// file, legacy/xls.ts), or CSV/TXT text in any of the encodings townships save (legacy/csv.ts). The name
// does not decide: WPS saves .et bytes that are .xls, and a "表格.xls" is often really text. Each reader
// gives the same sheets and rows, so header detection, the dry run, the error list and workbook and undo
// are the same for every format.
import { WorkbenchFailure } from '../failure';
import type { MergeRange, SheetRowData } from '../../../shared/domain/import-headers';
import type { SheetData } from './xlsx/sheet';
import { readSheet } from './xlsx/sheet';
import { MAX_FILE_BYTES, isCompoundFile, isEncryptedPackage, openWorkbook, type SheetInfo, type Workbook } from './xlsx/workbook';
import { WorkerUnavailable, asideFromBytes, scanAside } from './xlsx/scan-aside';
import { openXls } from './legacy/xls';
import { startsAsZip } from './xlsx/zip';
import { looksLikeText, openCsv } from './legacy/csv';

export type SpreadsheetFormat = 'xlsx' | 'xls' | 'csv';

export interface SheetRef { name: string; hidden: boolean }

/** Takes a piece of a sheet's rows; the next piece is handed over once it has finished. */
export type RowsHandler = (rows: SheetRowData[]) => void | Promise<void>;

export interface Spreadsheet {
  format: SpreadsheetFormat;
  sheets: SheetRef[];
  /** The workbook's date system: a bare number in a date column is a serial of this system. */
  date1904: boolean;
  /** A sheet's rows with values (maxRows: stop after that many, for sheet scoring) and merged ranges. */
  read(sheet: SheetRef, options?: { maxRows?: number }): Promise<SheetData>;
  /**
   * A whole sheet handed over in pieces as it is read (rows not kept), then its merged ranges. Readers
   * that hold the whole sheet anyway (.xls, CSV) have none: scanSheet gives their rows in one piece.
   */
  scan?(sheet: SheetRef, onRows: RowsHandler): Promise<{ merges: MergeRange[] }>;
}

/** A sheet's rows in pieces, in sheet order, then its merged ranges (see Spreadsheet.scan). */
export async function scanSheet(workbook: Spreadsheet, sheet: SheetRef, onRows: RowsHandler): Promise<{ merges: MergeRange[] }> {
  if (workbook.scan) return workbook.scan(sheet, onRows);
  const data = await workbook.read(sheet);
  await onRows(data.rows);
  return { merges: data.merges };
}

export interface OpenOptions {
  /** A sheet part at least this large is read on a worker (scan-aside.ts); tests lower it. */
  asideFromBytes?: number;
}

/**
 * A whole .xlsx sheet handed over in pieces: a large one read on a worker while this thread handles the
 * pieces already read, a small one (or where no worker starts) here.
 */
async function scanXlsx(bytes: Buffer, workbook: Workbook, sheet: SheetInfo, onRows: RowsHandler, asideFromBytes: number): Promise<{ merges: MergeRange[] }> {
  const here = async () => ({ merges: (await readSheet(workbook, sheet, { onRows })).merges });
  if (!sheet.entry || sheet.entry.uncompressedSize < asideFromBytes) return here();
  const aside = scanAside(bytes, sheet.name, workbook.sharedStrings, onRows);
  if (!aside) return here();
  try {
    return await aside;
  } catch (error) {
    if (error instanceof WorkerUnavailable) return here();
    throw error;
  }
}

/** Opens the bytes of an uploaded or picked file. Throws WorkbenchFailure with a stable code when unusable. */
export function openSpreadsheet(bytes: Buffer, fileName = '', options: OpenOptions = {}): Spreadsheet {
  if (bytes.length > MAX_FILE_BYTES) throw new WorkbenchFailure('FILE_TOO_LARGE', { size: `${(bytes.length / 1024 / 1024).toFixed(1)} MB` });
  if (startsAsZip(bytes)) {
    const workbook = openWorkbook(bytes);
    return {
      format: 'xlsx',
      sheets: workbook.sheets,
      date1904: workbook.date1904,
      read: (sheet, options) => readSheet(workbook, sheet as SheetInfo, options),
      scan: (sheet, onRows) => scanXlsx(bytes, workbook, sheet as SheetInfo, onRows, options.asideFromBytes ?? asideFromBytes()),
    };
  }
  if (isCompoundFile(bytes)) {
    if (isEncryptedPackage(bytes)) throw new WorkbenchFailure('FILE_ENCRYPTED');
    return openXls(bytes);
  }
  if (looksLikeText(bytes)) return openCsv(bytes, fileName);
  // Not a package, not BIFF, not delimited text: openWorkbook refuses it with what it is (a damaged zip,
  // an HTML page or Excel 2003 XML saved as .xls, random bytes).
  openWorkbook(bytes);
  throw new WorkbenchFailure('FILE_NOT_WORKBOOK');
}
