// A minimal zip reader for workbooks: the central directory is read and checked (sizes, encryption, a
// sane expansion bound) before a single byte is inflated, and inflation itself is capped at the declared
// size, so a zip bomb or a lying header costs nothing.
import zlib from 'node:zlib';
import { WorkbenchFailure } from '../../failure';

/** The largest total the entries of one workbook may expand to (a 1,000,000-row sheet fits well within). */
export const MAX_TOTAL_UNCOMPRESSED = 1536 * 1024 * 1024;
/** Real workbook parts compress 5–70×; whitespace padded to hundreds of MB compresses ~1000×. */
export const MAX_RATIO = 250;
/** Small parts may compress very well (a page of empty cells); the ratio rule applies above this size. */
const RATIO_APPLIES_ABOVE = 8 * 1024 * 1024;

export interface ZipEntry {
  /** Path inside the zip, with backslashes turned into slashes (some writers use Windows separators). */
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export interface ZipArchive {
  bytes: Buffer;
  entries: ZipEntry[];
  /** Case-insensitive lookup, leading slash ignored; the first of duplicate names wins. */
  find(name: string): ZipEntry | undefined;
}

const corrupt = (detail: string) => new WorkbenchFailure('FILE_CORRUPT', { detail });

/** The bytes start as a zip (a local file header): an .xlsx/.xlsm package, or what claims to be one. */
export function startsAsZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

/** Reads the central directory. Throws FILE_CORRUPT / FILE_ENCRYPTED / FILE_EXPANDS_TOO_MUCH. */
export function openZip(bytes: Buffer): ZipArchive {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw corrupt('找不到压缩包目录（文件不完整）');
  let count = bytes.readUInt16LE(eocd + 10);
  let cdSize = bytes.readUInt32LE(eocd + 12);
  let cdOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    // ZIP64: the real figures are in the zip64 end record that the locator just before EOCD points to.
    const locator = eocd - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== 0x07064b50) throw corrupt('ZIP64 目录缺失');
    const record = Number(bytes.readBigUInt64LE(locator + 8));
    if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== 0x06064b50) throw corrupt('ZIP64 目录损坏');
    count = Number(bytes.readBigUInt64LE(record + 32));
    cdSize = Number(bytes.readBigUInt64LE(record + 40));
    cdOffset = Number(bytes.readBigUInt64LE(record + 48));
  }
  if (cdOffset + cdSize > bytes.length) throw corrupt('压缩包目录超出文件末尾');

  const entries: ZipEntry[] = [];
  let total = 0;
  let pos = cdOffset;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > bytes.length || bytes.readUInt32LE(pos) !== 0x02014b50) throw corrupt('压缩包目录项损坏');
    const flags = bytes.readUInt16LE(pos + 8);
    const method = bytes.readUInt16LE(pos + 10);
    let compressedSize = bytes.readUInt32LE(pos + 20);
    let uncompressedSize = bytes.readUInt32LE(pos + 24);
    const nameLength = bytes.readUInt16LE(pos + 28);
    const extraLength = bytes.readUInt16LE(pos + 30);
    const commentLength = bytes.readUInt16LE(pos + 32);
    let localOffset = bytes.readUInt32LE(pos + 42);
    const name = bytes.toString('utf8', pos + 46, pos + 46 + nameLength).replace(/\\/g, '/');
    // ZIP64 extra field (0x0001) holds the 64-bit values the 32-bit fields marked with 0xFFFFFFFF.
    let extra = pos + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd && extraEnd <= bytes.length) {
      const id = bytes.readUInt16LE(extra);
      const size = bytes.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let p = extra + 4;
        if (uncompressedSize === 0xffffffff && p + 8 <= extraEnd) { uncompressedSize = Number(bytes.readBigUInt64LE(p)); p += 8; }
        if (compressedSize === 0xffffffff && p + 8 <= extraEnd) { compressedSize = Number(bytes.readBigUInt64LE(p)); p += 8; }
        if (localOffset === 0xffffffff && p + 8 <= extraEnd) { localOffset = Number(bytes.readBigUInt64LE(p)); }
      }
      extra += 4 + size;
    }
    if (flags & 0x1 || method === 99) throw new WorkbenchFailure('FILE_ENCRYPTED');
    if (uncompressedSize > RATIO_APPLIES_ABOVE && uncompressedSize > MAX_RATIO * Math.max(compressedSize, 1)) {
      throw new WorkbenchFailure('FILE_EXPANDS_TOO_MUCH');
    }
    total += uncompressedSize;
    if (total > MAX_TOTAL_UNCOMPRESSED) throw new WorkbenchFailure('FILE_EXPANDS_TOO_MUCH');
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset });
    pos += 46 + nameLength + extraLength + commentLength;
  }

  const index = new Map<string, ZipEntry>();
  for (const entry of entries) {
    const key = entry.name.replace(/^\/+/, '').toLowerCase();
    if (!index.has(key)) index.set(key, entry);
  }
  return { bytes, entries, find: (name) => index.get(name.replace(/^\/+/, '').toLowerCase()) };
}

function compressedData(zip: ZipArchive, entry: ZipEntry): Buffer {
  const { bytes } = zip;
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) throw corrupt(`“${entry.name}”的文件头损坏`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt(`“${entry.name}”超出文件末尾`);
  return bytes.subarray(start, end);
}

function checkMethod(entry: ZipEntry): void {
  if (entry.method !== 0 && entry.method !== 8) throw corrupt(`“${entry.name}”使用了不支持的压缩方式 ${entry.method}`);
}

/** The whole entry, inflated with a hard cap at its declared size. */
export function readEntry(zip: ZipArchive, entry: ZipEntry): Buffer {
  checkMethod(entry);
  const data = compressedData(zip, entry);
  if (entry.method === 0) return data.subarray(0, entry.uncompressedSize);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new WorkbenchFailure('FILE_EXPANDS_TOO_MUCH');
    throw corrupt(`“${entry.name}”无法解压`);
  }
}

/** The entry as a stream of inflated chunks, for sheets too large to hold twice in memory. */
export async function* streamEntry(zip: ZipArchive, entry: ZipEntry): AsyncGenerator<Buffer> {
  checkMethod(entry);
  const data = compressedData(zip, entry);
  if (entry.method === 0) { yield data.subarray(0, entry.uncompressedSize); return; }
  const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
  let produced = 0;
  inflate.end(data);
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > entry.uncompressedSize) throw new WorkbenchFailure('FILE_EXPANDS_TOO_MUCH');
      yield chunk;
    }
  } catch (error) {
    if (error instanceof WorkbenchFailure) throw error;
    throw corrupt(`“${entry.name}”无法解压`);
  } finally {
    inflate.destroy();
  }
}
