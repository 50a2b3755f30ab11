import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERROR_MESSAGES } from './errors';
import { excelSerialToIso, parseDate, parseEnum, parseNumber, parseText, type CellValue } from './cell-values';
import { CATEGORIES } from './person';

const c1900 = { date1904: false };
const c1904 = { date1904: true };

/** Anything a cell can hold, and then some: odd strings, full-width digits, huge and non-finite numbers. */
const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom(...'0123456789０１２３４５６７８９-/.年月日 :T,，'.split('')) }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.record({ kind: fc.constant('date' as const), serial: fc.double(), date1904: fc.boolean() }),
);

function isRealIso(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

describe('excelSerialToIso', () => {
  it('follows the 1900 system, including Lotus’s phantom 29 February 1900', () => {
    expect(excelSerialToIso(1, false)).toBe('1900-01-01');
    expect(excelSerialToIso(59, false)).toBe('1900-02-28');
    expect(excelSerialToIso(60, false)).toBeNull();
    expect(excelSerialToIso(61, false)).toBe('1900-03-01');
    expect(excelSerialToIso(44621, false)).toBe('2022-03-01');
    expect(excelSerialToIso(44621.75, false)).toBe('2022-03-01');
  });
  it('follows the 1904 system (serial 0 is 1904-01-01, 1,462 days later than 1900)', () => {
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(1, true)).toBe('1904-01-02');
    expect(excelSerialToIso(44621 - 1462, true)).toBe('2022-03-01');
  });
  it('refuses what is no date', () => {
    for (const bad of [-1, 0, NaN, Infinity, 3_000_000]) expect(excelSerialToIso(bad, false)).toBeNull();
  });
});

describe('parseDate', () => {
  it('reads every spelling of SPEC §4', () => {
    for (const text of ['2022-3-1', '2022/03/01', '2022.3.1', '2022年3月1日', '20220301', '２０２２年３月１日', ' 2022-03-01 ', '2022/3/1 0:00:00', '2022-03-01T00:00:00Z', '2022－3－1']) {
      expect(parseDate(text, c1900), text).toEqual({ ok: true, value: '2022-03-01' });
    }
    expect(parseDate(44621, c1900)).toEqual({ ok: true, value: '2022-03-01' });
    expect(parseDate(44621 - 1462, c1904)).toEqual({ ok: true, value: '2022-03-01' });
    expect(parseDate(20220301, c1900)).toEqual({ ok: true, value: '2022-03-01' });
    expect(parseDate({ kind: 'date', serial: 43159, date1904: true }, c1900)).toEqual({ ok: true, value: '2022-03-01' });
  });
  it('refuses impossible and unreadable dates with BAD_DATE', () => {
    for (const bad of ['2022-2-30', '2022年13月1日', '三月一日', '2022', '20221301', '', true, -5, 0]) {
      const result = parseDate(bad as CellValue, c1900);
      expect(result.ok, String(bad)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('BAD_DATE');
    }
  });
  it('never throws; answers a real date or BAD_DATE (property)', () => {
    fc.assert(fc.property(anyCell, fc.boolean(), (cell, date1904) => {
      const result = parseDate(cell, { date1904 });
      if (result.ok) expect(isRealIso(result.value)).toBe(true);
      else expect(result.error.code).toBe('BAD_DATE');
    }), { numRuns: 3000 });
  });
  it('reads back every spelling of any date from 1900-03-01 to 2100 (property)', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
      const y = date.getUTCFullYear(), m = date.getUTCMonth() + 1, d = date.getUTCDate();
      const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const serial1900 = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
      const serial1904 = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1904, 0, 1)) / 86_400_000);
      const spellings: [CellValue, boolean][] = [
        [`${y}-${m}-${d}`, false], [iso.replace(/-/g, '/'), false], [`${y}.${m}.${d}`, false], [`${y}年${m}月${d}日`, false],
        [iso.replace(/-/g, ''), false], [serial1900, false],
      ];
      if (serial1904 >= 1) spellings.push([serial1904, true]);
      for (const [spelling, date1904] of spellings) expect(parseDate(spelling, { date1904 })).toEqual({ ok: true, value: iso });
    }), { numRuns: 500 });
  });
});

describe('parseNumber', () => {
  it('reads full-width digits, separators and spaces', () => {
    expect(parseNumber('１２３')).toEqual({ ok: true, value: 123 });
    expect(parseNumber('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber(' 22 ')).toEqual({ ok: true, value: 22 });
    expect(parseNumber(-3)).toEqual({ ok: true, value: -3 });
  });
  it('refuses what is no number with BAD_NUMBER', () => {
    for (const bad of ['abc', '1.2.3', '', NaN, Infinity, true, null]) {
      const result = parseNumber(bad as CellValue);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('BAD_NUMBER');
    }
  });
  it('never throws; answers a finite number or BAD_NUMBER (property)', () => {
    fc.assert(fc.property(anyCell, (cell) => {
      const result = parseNumber(cell);
      if (result.ok) expect(Number.isFinite(result.value)).toBe(true);
      else expect(result.error.code).toBe('BAD_NUMBER');
    }), { numRuns: 3000 });
  });
});

describe('parseEnum', () => {
  const aliases = { 低保户: '低保', 五保户: '特困' } as const;
  it('takes the standard term, an alias, full-width and spaced forms', () => {
    expect(parseEnum('脱贫户', CATEGORIES, aliases)).toEqual({ ok: true, value: '脱贫户' });
    expect(parseEnum(' 低保户 ', CATEGORIES, aliases)).toEqual({ ok: true, value: '低保' });
    expect(parseEnum('五保户', CATEGORIES, aliases)).toEqual({ ok: true, value: '特困' });
  });
  it('refuses anything else with BAD_ENUM naming the choices', () => {
    const result = parseEnum('富裕户', CATEGORIES, aliases);
    expect(result.ok).toBe(false);
    if (!result.ok) { expect(result.error.code).toBe('BAD_ENUM'); expect(result.error.message).toContain('脱贫户/防返贫监测对象'); }
    expect(parseEnum('toString', CATEGORIES, aliases).ok).toBe(false);
  });
  it('never throws; answers an allowed value or BAD_ENUM (property)', () => {
    fc.assert(fc.property(anyCell, (cell) => {
      const result = parseEnum(cell, CATEGORIES, aliases);
      if (result.ok) expect(CATEGORIES).toContain(result.value);
      else expect(result.error.code).toBe('BAD_ENUM');
    }), { numRuns: 3000 });
  });
});

describe('parseText', () => {
  it('gives what trimming and the E-notation check by regular expression give, for any text', () => {
    // The reference: the expressions parseText applied to every cell before its fast path.
    const reference = (raw: string) => {
      const text = raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '').replace(/^['‘’`]/, '');
      return /^\d(\.\d+)?E\+?\d+$/i.test(text) ? 'DIGITS_LOST' : text;
    };
    const pieces = fc.constantFrom(' ', '\u3000', '\u00a0', '\t', '\n', '\u2003', '\ufeff', "'", '‘', '’', '`', '1', '2', '.', 'E', 'e', '+', '张', 'a', '');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')), fc.string(), (built, any) => {
      for (const raw of [built, any, ` ${any}`, `${any}\u3000`]) {
        const result = parseText(raw, '备注');
        expect(result.ok ? result.value : result.error.code).toBe(reference(raw));
      }
    }), { numRuns: 3000 });
  });

  it('keeps numbers Excel stored intact and refuses those that lost digits (DIGITS_LOST)', () => {
    expect(parseText(13900001111, '联系电话')).toEqual({ ok: true, value: '13900001111' });
    expect(parseText(" '6231930000000001 ", '社保卡号')).toEqual({ ok: true, value: '6231930000000001' });
    for (const lost of [6231930000000000000, 1e15, '6.23193E+18', '6.23193e18']) {
      const result = parseText(lost, '社保卡号');
      expect(result.ok).toBe(false);
      if (!result.ok) { expect(result.error.code).toBe('DIGITS_LOST'); expect(result.error.message).toContain('社保卡号'); }
    }
  });
  it('never throws; answers text or a code from the table (property)', () => {
    fc.assert(fc.property(anyCell, (cell) => {
      const result = parseText(cell, '列');
      if (result.ok) expect(typeof result.value).toBe('string');
      else expect(Object.keys(ERROR_MESSAGES)).toContain(result.error.code);
    }), { numRuns: 3000 });
  });
});
