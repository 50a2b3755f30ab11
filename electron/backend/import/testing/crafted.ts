// Crafted workbooks (issue 13 item 5): small zips whose parts inflate to tens of MB of XML shaped to make a
// naive scanner rescan its input — rows, cells, values and strings that open and never close, one row of a
// million cells, one cell of 30 MB, attribute and number-format runs. Each part mixes in pseudo-random
// digits so it compresses below the reader's 250× expansion refusal and is really read.
import zlib from 'node:zlib';

interface Part { name: string; text: string }

/** A plain zip (deflate) of the parts, written here so the test depends on no zip library. */
export function zipParts(parts: readonly Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = Buffer.from(part.text, 'utf8');
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const name = Buffer.from(part.name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6); entry.writeUInt16LE(0x0800, 8); entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16); entry.writeUInt32LE(packed.length, 20); entry.writeUInt32LE(data.length, 24); entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(entry, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A minimal package around a sheet's XML (and optionally shared strings, styles, a workbook part). */
export function workbookOf(sheetXml: string, extra: { sharedStrings?: string; styles?: string; sheetTag?: string } = {}): Buffer {
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return zipParts([
    { name: '[Content_Types].xml', text: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>' },
    { name: '_rels/.rels', text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>` },
    { name: 'xl/workbook.xml', text: `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${extra.sheetTag ?? '<sheet name="Sheet1" sheetId="1" r:id="rId1"/>'}</sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'sharedStrings', 'sharedStrings.xml')}${rel('rId3', 'styles', 'styles.xml')}</Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', text: `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${sheetXml}</sheetData></worksheet>` },
    ...(extra.sharedStrings !== undefined ? [{ name: 'xl/sharedStrings.xml', text: `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${extra.sharedStrings}</sst>` }] : []),
    ...(extra.styles !== undefined ? [{ name: 'xl/styles.xml', text: `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}>${extra.styles}</styleSheet>` }] : []),
  ]);
}

/** Deterministic noise (digits) so the parts do not compress beyond the reader's expansion ratio. */
function noise(seed: number): () => string {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return String(s % 1000003); };
}

function repeat(count: number, unit: (i: number, n: () => string) => string, seed = 7): string {
  const n = noise(seed);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(unit(i, n));
  return parts.join('');
}

export interface CraftedFile { name: string; bytes: Buffer; xmlBytes: number }
/** A crafted file by name, built when asked (each takes a moment to deflate). */
export interface CraftedRecipe { name: string; build(): CraftedFile }

function crafted(name: string, sheetXml: () => string, extra: () => Parameters<typeof workbookOf>[1] = () => ({})): CraftedRecipe {
  return {
    name,
    build() {
      const xml = sheetXml();
      const more = extra() ?? {};
      return { name, bytes: workbookOf(xml, more), xmlBytes: xml.length + (more.sharedStrings?.length ?? 0) + (more.styles?.length ?? 0) + (more.sheetTag?.length ?? 0) };
    },
  };
}

/** The crafted files, scaled by `scale` (1 ≈ 10–30 MB of XML each). */
export function craftedFiles(scale = 1): CraftedRecipe[] {
  const k = (n: number) => Math.max(1, Math.round(n * scale));
  return [
    crafted('rows-never-closed', () => repeat(k(1_000_000), (i, n) => `<row r="${i + 1}" x="${n()}">`)),
    crafted('one-row-of-a-million-cells', () => `<row r="1">${repeat(k(1_000_000), (_i, n) => `<c r="A1"><v>${n()}</v></c>`)}</row>`),
    crafted('cells-never-closed', () => `<row r="1">${repeat(k(1_000_000), (_i, n) => `<c r="B1" s="${n()}">`)}</row>`),
    crafted('values-never-closed', () => `<row r="1"><c r="A1">${repeat(k(1_000_000), (_i, n) => `<v>${n()}`)}</c></row>`),
    crafted('one-cell-of-30-MB', () => `<row r="1"><c r="A1" t="inlineStr"><is><t>${repeat(k(3_000_000), (_i, n) => n())}</t></is></c></row>`),
    crafted('inline-runs-never-closed', () => `<row r="1"><c r="A1" t="inlineStr"><is>${repeat(k(1_000_000), (_i, n) => `<t>${n()}`)}</is></c></row>`),
    crafted('cdata-never-closed', () => `<row r="1"><c r="A1" t="str"><v>${repeat(k(1_000_000), (_i, n) => `<![CDATA[${n()}`)}</v></c></row>`),
    crafted('shared-strings-never-closed', () => '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', () => ({ sharedStrings: repeat(k(1_000_000), (_i, n) => `<si><t>${n()}`) })),
    crafted('shared-string-runs-and-phonetics', () => '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', () => ({ sharedStrings: `<si>${repeat(k(1_000_000), (_i, n) => `<r><t>${n()}</t></r><rPh>`)}</si>` })),
    crafted('attribute-run', () => '<row r="1"><c r="A1"><v>1</v></c></row>', () => ({ sheetTag: `<sheet name="Sheet1" sheetId="1" r:id="rId1" ${repeat(k(1_000_000), (_i, n) => `a${n()}`)}/>` })),
    crafted('number-format-brackets', () => '<row r="1"><c r="A1" s="0"><v>1</v></c></row>', () => ({ styles: `<numFmts><numFmt numFmtId="200" formatCode="${repeat(k(1_000_000), (_i, n) => `[${n()}`)}"/></numFmts><cellXfs><xf numFmtId="200"/></cellXfs>` })),
    crafted('merges-never-closed', () => `<row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>${repeat(k(1_000_000), (_i, n) => `<mergeCell ref="A${n()}`)}`),
  ];
}
