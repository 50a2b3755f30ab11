import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageOn, birthDateOf, checkCharacter, convertFirstGeneration, maskIdNumber, parseIdNumber, sexOf } from './id-number';

const TODAY = new Date(2026, 10, 23);
// A valid number built with the published algorithm's reference example (GB 11643-1999 annex).
const VALID = '11010519491231002X';

describe('parseIdNumber', () => {
  it('accepts a valid number and the standard example', () => {
    expect(parseIdNumber(VALID, TODAY)).toEqual({ ok: true, value: VALID });
    expect(checkCharacter('11010519491231002')).toBe('X');
  });

  it('normalises lower-case x, full-width characters, spaces and a leading apostrophe', () => {
    for (const raw of ['11010519491231002x', '１１０１０５１９４９１２３１００２Ｘ', ' 110105 19491231 002X ', "'11010519491231002X", '110105\u300019491231002X', '１１０１０５１９４９１２３１００２ｘ']) {
      expect(parseIdNumber(raw, TODAY)).toEqual({ ok: true, value: VALID });
    }
  });

  it('rejects a wrong check character with ID_CHECKSUM', () => {
    const result = parseIdNumber('110105194912310021', TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('ID_CHECKSUM');
  });

  it('rejects an impossible or future birth date with ID_BIRTHDATE', () => {
    for (const birth of ['19490230', '19491301', '20991231', '18991231']) {
      const first17 = `110105${birth}002`;
      const result = parseIdNumber(first17 + checkCharacter(first17), TODAY);
      expect(result.ok ? 'ok' : result.error.code).toBe('ID_BIRTHDATE');
    }
  });

  it('accepts a birth date exactly when it is a real calendar day, not after today (leap years included)', () => {
    // Checked against the Date object's own calendar, for any day of 1890–2030 written as eight digits.
    fc.assert(fc.property(fc.integer({ min: 1890, max: 2030 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
      const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
      const first17 = `110105${birth}002`;
      const date = new Date(Date.UTC(year, month - 1, day));
      const real = year >= 1900 && month >= 1 && month <= 12 && day >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
      const past = date.getTime() <= Date.UTC(TODAY.getFullYear(), TODAY.getMonth(), TODAY.getDate());
      const result = parseIdNumber(first17 + checkCharacter(first17), TODAY);
      expect(result.ok ? 'ok' : result.error.code).toBe(real && past ? 'ok' : 'ID_BIRTHDATE');
    }), { numRuns: 3000 });
    for (const [birth, ok] of [['20000229', true], ['19000229', false], ['20240229', true], ['20230229', false], ['20261123', true], ['20261124', false]] as const) {
      const first17 = `110105${birth}002`;
      expect(parseIdNumber(first17 + checkCharacter(first17), TODAY).ok, birth).toBe(ok);
    }
  });

  it('rejects wrong lengths and letters with ID_FORMAT', () => {
    for (const raw of ['1101051949123100', '11010519491231002XX', '11010519A91231002X', 'abc']) {
      const result = parseIdNumber(raw, TODAY);
      expect(result.ok ? 'ok' : result.error.code).toBe('ID_FORMAT');
    }
  });

  it('names the 18-digit number a 15-digit first-generation number converts to', () => {
    const result = parseIdNumber('130324850101123', TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('ID_FORMAT');
      expect(result.error.message).toContain(convertFirstGeneration('130324850101123'));
    }
    expect(convertFirstGeneration('130324850101123')).toMatch(/^13032419850101123[\dX]$/);
    expect(parseIdNumber(convertFirstGeneration('130324850101123'), TODAY).ok).toBe(true);
  });

  it('treats a number that Excel stored with lost digits as ID_PRECISION_LOST, never repairing it', () => {
    expect(parseIdNumber(110105194912310020, TODAY)).toMatchObject({ ok: false, error: { code: 'ID_PRECISION_LOST' } });
    expect(parseIdNumber(1.10105194912310e17, TODAY)).toMatchObject({ ok: false, error: { code: 'ID_PRECISION_LOST' } });
    expect(parseIdNumber('1.10105E+17', TODAY)).toMatchObject({ ok: false, error: { code: 'ID_PRECISION_LOST' } });
    // 15 digits survive as a number: it is a first-generation number, reported as such.
    expect(parseIdNumber(130324850101123, TODAY)).toMatchObject({ ok: false, error: { code: 'ID_FORMAT' } });
  });

  it('reports a missing value as ID_MISSING', () => {
    for (const raw of [null, undefined, '', '   ']) expect(parseIdNumber(raw, TODAY)).toMatchObject({ ok: false, error: { code: 'ID_MISSING' } });
  });

  it('never throws and always answers a valid 18-character number or an error code (property)', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null)), (raw) => {
      const result = parseIdNumber(raw, TODAY);
      if (result.ok) {
        expect(result.value).toMatch(/^\d{17}[\dX]$/);
        expect(checkCharacter(result.value.slice(0, 17))).toBe(result.value[17]);
      } else {
        expect(result.error.code).toMatch(/^ID_/);
        expect(result.error.message.length).toBeGreaterThan(0);
      }
    }));
  });

  it('accepts every number built with the right check character and a real past date (property)', () => {
    const date = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2026, 0, 1)), noInvalidDate: true });
    fc.assert(fc.property(fc.stringMatching(/^\d{6}$/), date, fc.stringMatching(/^\d{3}$/), (area, birth, seq) => {
      const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
      const first17 = area + ymd + seq;
      const id = first17 + checkCharacter(first17);
      expect(parseIdNumber(id, TODAY)).toEqual({ ok: true, value: id });
      // Changing the check character always breaks it.
      const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      expect(parseIdNumber(wrong, TODAY).ok).toBe(false);
    }));
  });
});

describe('what the number tells', () => {
  it('derives birth date, sex and age', () => {
    expect(birthDateOf(VALID)).toBe('1949-12-31');
    expect(sexOf(VALID)).toBe('女'); // 17th digit 2
    expect(sexOf('110105194912310039')).toBe('男');
    expect(ageOn('1949-12-31', '2022-12-30')).toBe(72);
    expect(ageOn('1949-12-31', '2022-12-31')).toBe(73);
    expect(ageOn('1957-03-01', '2022-03-01')).toBe(65);
    expect(ageOn('1957-03-01', '2022-02-28')).toBe(64);
  });

  it('masks all but the address code and the last four', () => {
    expect(maskIdNumber('13032419850101123X')).toBe('130324********123X');
  });
});
