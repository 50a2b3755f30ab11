// A bounded-time fuzz (property) test of the xlsx reader and the cell parsers (issue 13): for a few seconds
// each, fast-check feeds them sheet XML assembled from the tokens a crafted file would use, damaged zips,
// and arbitrary cell values. Every input must end in rows or a refusal with a code (WorkbenchFailure) —
// never another exception — and the parsers must always answer. The number of executions is printed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkbenchFailure } from '../../failure';
import { workbookOf } from '../testing/crafted';
import { openWorkbook } from './workbook';
import { readSheet } from './sheet';
import { attributes, elementText, runsText, tags } from './xml';
import { displayText, parseDate, parseEnum, parseNumber, parseText, type CellValue } from '../../../../shared/domain/cell-values';
import { parseIdNumber } from '../../../../shared/domain/id-number';
import { parseYuanToFen } from '../../../../shared/domain/money';
import { villageParts } from '../../../../shared/domain/division';

const SECONDS = 3;
const runs = { numRuns: 1_000_000, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false };

const TOKENS = ['<row>', '<row r="2">', '<row r="999999999">', '</row>', '<row/>', '<c r="A1">', '<c r="XFE1">', '<c t="s">', '<c t="inlineStr">', '<c t="str">',
  '<c t="b">', '<c t="e">', '<c t="d">', '<c s="1">', '<c/>', '</c>', '<v>', '</v>', '<is>', '</is>', '<t>', '</t>', '<r>', '</r>', '<rPh>', '</rPh>',
  '<![CDATA[', ']]>', '&amp;', '&#x4E2D;', '&#99999999;', '&bogus;', '_x000D_', '0', '1', '-1.5e308', '1e400', 'NaN', '13032419900101001X', '张三',
  '<x:row>', '</x:row>', '<x:c>', '</x:c>', '"', "'", '<', '>', '/', '=', ' ', '\n', '<mergeCell ref="A1:B2"/>', '</sheetData><mergeCells>'];

async function readAll(bytes: Buffer): Promise<number> {
  const workbook = openWorkbook(bytes);
  let rows = 0;
  for (const sheet of workbook.sheets) rows += (await readSheet(workbook, sheet)).rows.length;
  return rows;
}

async function endsWell(bytes: Buffer): Promise<boolean> {
  try {
    await readAll(bytes);
    return true;
  } catch (error) {
    if (error instanceof WorkbenchFailure) return true;
    throw error;
  }
}

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(), fc.string({ unit: 'grapheme' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.record({ kind: fc.constant('date' as const), serial: fc.double(), date1904: fc.boolean() }),
  fc.stringMatching(/^[0-9０-９xX\s'-]{0,24}$/),
);

describe('fuzzing the reader and the cell parsers (bounded time)', () => {
  it(`sheet XML from crafted-file tokens: rows or a coded refusal (${SECONDS} s)`, async () => {
    const result = await fc.check(fc.asyncProperty(fc.array(fc.constantFrom(...TOKENS), { maxLength: 400 }), fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }),
      async (sheet, strings) => endsWell(workbookOf(sheet.join(''), { sharedStrings: `<si>${strings.join('')}</si>`, styles: `<cellXfs><xf numFmtId="14"/>${strings.join('')}</cellXfs>` }))), runs);
    expect(result.failed, String(result.counterexample)).toBe(false);
    console.log(`fuzz: sheet XML ${result.numRuns} executions`);
    expect(result.numRuns).toBeGreaterThan(50);
  }, (SECONDS + 20) * 1000);

  it(`damaged workbooks (bytes flipped, cut short): rows or a coded refusal (${SECONDS} s)`, async () => {
    const valid = workbookOf('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>13032419900101001</v></c></row>', { sharedStrings: '<si><t>身份证号</t></si>' });
    const damage = fc.record({
      flips: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
      cut: fc.option(fc.nat()),
    });
    const result = await fc.check(fc.asyncProperty(damage, async ({ flips, cut }) => {
      const bytes = Buffer.from(valid);
      for (const f of flips) bytes[f.at % bytes.length] = f.byte;
      return endsWell(cut === null ? bytes : bytes.subarray(0, cut % bytes.length));
    }), runs);
    expect(result.failed, String(result.counterexample)).toBe(false);
    console.log(`fuzz: damaged workbooks ${result.numRuns} executions`);
  }, (SECONDS + 20) * 1000);

  it(`cell parsers and XML helpers answer every input (${SECONDS} s)`, () => {
    const result = fc.check(fc.property(cellValue, fc.string(), (value, text) => {
      displayText(value);
      for (const parsed of [parseDate(value, { date1904: false }), parseDate(value, { date1904: true }), parseNumber(value), parseText(value, '列'), parseEnum(value, ['脱贫户', '低保'])]) {
        if (!parsed.ok && !parsed.error.code) return false;
      }
      const id = parseIdNumber(value, new Date(Date.UTC(2026, 0, 1)));
      if (id.ok && !/^\d{17}[\dX]$/.test(id.value)) return false;
      const fen = parseYuanToFen(value);
      if (fen !== null && !Number.isSafeInteger(fen)) return false;
      attributes(text); tags(text, 'c'); runsText(text); elementText(text);
      return villageParts(text).base.length > 0 || text.trim() === '';
    }), runs);
    expect(result.failed, String(result.counterexample)).toBe(false);
    console.log(`fuzz: cell parsers ${result.numRuns} executions`);
  }, (SECONDS + 20) * 1000);
});
