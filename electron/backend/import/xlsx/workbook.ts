// Opening a township workbook safely: what the bytes really are (a refusal with one clear code when they
// are not an .xlsx we can read), the sheets in order with their visibility, the shared strings, the date
// system and which cell styles are dates. Follows the package relationships, so workbooks at unusual paths,
// Strict-namespace files and zips with Windows separators read like any other.
import path from 'node:path/posix';
import { WorkbenchFailure } from '../../failure';
import { openZip, readEntry, startsAsZip, type ZipArchive, type ZipEntry } from './zip';
import { eachElement, firstElement, partText, runsText, tags } from './xml';
import { MAX_IMPORT_FILE_BYTES } from '../../../../shared/contract/limits';

export const MAX_FILE_BYTES = MAX_IMPORT_FILE_BYTES;
/** Parts other than sheets (workbook, strings, styles) are read whole; beyond this they are not genuine. */
const MAX_PART_BYTES = 256 * 1024 * 1024;

export interface SheetInfo {
  name: string;
  /** hidden or veryHidden in the workbook: still importable, flagged in the list. */
  hidden: boolean;
  entry: ZipEntry | null;
}

export interface Workbook {
  zip: ZipArchive;
  sheets: SheetInfo[];
  date1904: boolean;
  sharedStrings: string[];
  /** Style (xf) indices whose number format shows a date. */
  dateStyles: Set<number>;
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function formatSize(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** An OLE compound file: a legacy .xls/.et workbook, or an encrypted OOXML package. */
export function isCompoundFile(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(CFB_MAGIC);
}

/** A compound file holding an encrypted OOXML package (Excel's "password to open"). */
export function isEncryptedPackage(bytes: Buffer): boolean {
  const names = bytes.toString('latin1');
  return names.includes('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e') || names.includes('E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o');
}

/** The bytes are not a zip: say what they are. */
function refuseNonZip(bytes: Buffer): never {
  if (isCompoundFile(bytes)) throw new WorkbenchFailure(isEncryptedPackage(bytes) ? 'FILE_ENCRYPTED' : 'FILE_LEGACY_XLS');
  const head = bytes.subarray(0, 2048).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^<(!doctype html|html|table|meta)/.test(head) || head.includes('<table')) throw new WorkbenchFailure('FILE_OTHER_FORMAT', { format: '网页（HTML）表格' });
  if (head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) throw new WorkbenchFailure('FILE_OTHER_FORMAT', { format: 'Excel 2003 XML表格' });
  // eslint-disable-next-line no-control-regex
  if (head.length > 0 && !/[\x00-\x08\x0e-\x1f]/.test(head) && /[,\t]/.test(head)) throw new WorkbenchFailure('FILE_OTHER_FORMAT', { format: 'CSV文本' });
  throw new WorkbenchFailure('FILE_NOT_WORKBOOK');
}

function partXml(zip: ZipArchive, entry: ZipEntry): string {
  if (entry.uncompressedSize > MAX_PART_BYTES) throw new WorkbenchFailure('FILE_EXPANDS_TOO_MUCH');
  return partText(readEntry(zip, entry));
}

interface Relationship { id: string; type: string; target: string }

/** The relationships of a part (xl/workbook.xml → xl/_rels/workbook.xml.rels), targets resolved. */
function relationships(zip: ZipArchive, partPath: string): Relationship[] | null {
  const dir = path.dirname(partPath);
  const relsPath = path.join(dir === '.' ? '' : dir, '_rels', `${path.basename(partPath)}.rels`);
  const entry = zip.find(relsPath);
  if (!entry) return null;
  return tags(partXml(zip, entry), 'Relationship')
    .filter((r) => r.Target !== undefined && r.TargetMode !== 'External')
    .map((r) => ({
      id: r.Id ?? '',
      type: r.Type ?? '',
      target: r.Target!.startsWith('/') ? r.Target!.slice(1) : path.normalize(path.join(dir === '.' ? '' : dir, r.Target!)),
    }));
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

/** A number format shows a date when it has day/month/year tokens outside quotes and [colour] brackets. */
export function isDateFormat(code: string): boolean {
  // Excel keeps number formats to 255 characters; anything longer is not one (and is not scanned).
  if (code.length > 255) return false;
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').split(';')[0] ?? '';
  return /[ymd]|e(?![+-])/i.test(bare.replace(/General/gi, ''));
}

function dateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const f of tags(xml, 'numFmt')) if (f.numFmtId) custom.set(Number(f.numFmtId), f.formatCode ?? '');
  const result = new Set<number>();
  const cellXfs = firstElement(xml, 'cellXfs') ?? '';
  tags(cellXfs, 'xf').forEach((xf, index) => {
    const id = Number(xf.numFmtId ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) result.add(index);
  });
  return result;
}

function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  eachElement(xml, 'si', (_attrs, inner) => { strings.push(runsText(inner ?? '')); });
  return strings;
}

/** Opens the bytes of an uploaded or picked file. Throws WorkbenchFailure with a stable code when unusable. */
export interface OpenWorkbookOptions {
  /** Leave the shared strings unread (the sheet-reading worker: its rows name them by index, scan-aside.ts). */
  withoutSharedStrings?: boolean;
}

export function openWorkbook(bytes: Buffer, options: OpenWorkbookOptions = {}): Workbook {
  if (bytes.length > MAX_FILE_BYTES) throw new WorkbenchFailure('FILE_TOO_LARGE', { size: formatSize(bytes.length) });
  if (!startsAsZip(bytes)) {
    if (bytes.length >= 4 && bytes.readUInt16LE(0) === 0x4b50) throw new WorkbenchFailure('FILE_CORRUPT', { detail: '压缩包结构不完整' });
    refuseNonZip(bytes);
  }
  const zip = openZip(bytes);

  const mimetype = zip.find('mimetype');
  if (mimetype && partXml(zip, mimetype).includes('opendocument.spreadsheet')) throw new WorkbenchFailure('FILE_OTHER_FORMAT', { format: 'OpenDocument表格（.ods）' });
  const contentTypesEntry = zip.find('[Content_Types].xml');
  const contentTypes = contentTypesEntry ? partXml(zip, contentTypesEntry) : '';

  // The workbook part: where the package relationships say, else where the content types say.
  const rootRels = relationships(zip, '') ?? [];
  let workbookPath = rootRels.find((r) => /\/officeDocument$/.test(r.type))?.target;
  if (!workbookPath) {
    const override = tags(contentTypes, 'Override').find((o) => /spreadsheetml\.(sheet|template)\.main\+xml|ms-excel\.(sheet|template)\.macroEnabled\.main\+xml/i.test(o.ContentType ?? ''));
    workbookPath = override?.PartName?.replace(/^\//, '');
  }
  if (!workbookPath) {
    if (tags(contentTypes, 'Override').some((o) => /\.bin$/i.test(o.PartName ?? '') && /sheet\.binary\.macroEnabled\.main/i.test(o.ContentType ?? ''))) throw new WorkbenchFailure('FILE_OTHER_FORMAT', { format: 'Excel二进制工作簿（.xlsb）' });
    if (/wordprocessingml|presentationml/.test(contentTypes)) throw new WorkbenchFailure('FILE_NOT_WORKBOOK');
    if (zip.find('xl/workbook.xml')) workbookPath = 'xl/workbook.xml';
    else throw new WorkbenchFailure('FILE_NOT_WORKBOOK');
  }
  if (/\.bin$/i.test(workbookPath)) throw new WorkbenchFailure('FILE_OTHER_FORMAT', { format: 'Excel二进制工作簿（.xlsb）' });
  const workbookEntry = zip.find(workbookPath);
  if (!workbookEntry) throw new WorkbenchFailure('FILE_CORRUPT', { detail: `缺少工作簿部件 ${workbookPath}` });
  const workbookXml = partXml(zip, workbookEntry);
  if (!/<(?:[\w.-]+:)?workbook[\s>]/.test(workbookXml)) throw new WorkbenchFailure('FILE_NOT_WORKBOOK');

  const workbookRels = relationships(zip, workbookPath);
  if (!workbookRels) throw new WorkbenchFailure('FILE_CORRUPT', { detail: '缺少工作簿的关系部件（workbook.xml.rels）' });
  const byId = new Map(workbookRels.map((r) => [r.id, r]));

  const pr = tags(workbookXml, 'workbookPr')[0];
  const date1904 = pr?.date1904 === '1' || pr?.date1904 === 'true';

  const sheets: SheetInfo[] = [];
  for (const sheet of tags(workbookXml, 'sheet')) {
    const rel = sheet.id ? byId.get(sheet.id) : undefined;
    // Chart sheets, dialog sheets and Excel 4 macro sheets hold no rows.
    if (!rel || !/\/worksheet$/.test(rel.type)) continue;
    sheets.push({ name: sheet.name ?? '', hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden', entry: zip.find(rel.target) ?? null });
  }

  const stringsRel = workbookRels.find((r) => /\/sharedStrings$/.test(r.type));
  const stringsEntry = stringsRel ? zip.find(stringsRel.target) : undefined;
  const stylesRel = workbookRels.find((r) => /\/styles$/.test(r.type));
  const stylesEntry = stylesRel ? zip.find(stylesRel.target) : undefined;
  return {
    zip,
    sheets,
    date1904,
    sharedStrings: stringsEntry && !options.withoutSharedStrings ? sharedStrings(partXml(zip, stringsEntry)) : [],
    dateStyles: stylesEntry ? dateStyles(partXml(zip, stylesEntry)) : new Set(),
  };
}

