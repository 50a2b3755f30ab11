import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatYuan, parseYuanToFen, yuanInWords } from './money';

describe('formatYuan', () => {
  it('shows two decimals and thousands separators', () => {
    expect(formatYuan(158210000)).toBe('1,582,100.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(1000)).toBe('10.00');
    expect(formatYuan(10000010)).toBe('100,000.10');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-65000)).toBe('-650.00');
  });
  it('refuses fractions of a fen', () => {
    expect(() => formatYuan(0.5)).toThrow(RangeError);
  });
});

describe('yuanInWords (大写)', () => {
  it('writes the demo month total the way the roster needs it', () => {
    expect(yuanInWords(158210000)).toBe('壹佰伍拾捌万贰仟壹佰元整');
  });
  it('handles fen, jiao and whole yuan', () => {
    expect(yuanInWords(5)).toBe('伍分');
    expect(yuanInWords(1000)).toBe('壹拾元整');
    expect(yuanInWords(650000)).toBe('陆仟伍佰元整');
    expect(yuanInWords(10000010)).toBe('壹拾万元壹角');
  });
  it('follows the zero rules', () => {
    expect(yuanInWords(0)).toBe('零元整');
    expect(yuanInWords(100500)).toBe('壹仟零伍元整');
    expect(yuanInWords(1001001)).toBe('壹万零壹拾元零壹分');
    expect(yuanInWords(10000000000)).toBe('壹亿元整');
    expect(yuanInWords(100050)).toBe('壹仟元伍角');
  });
});

describe('parseYuanToFen', () => {
  it('parses the forms clerks write', () => {
    expect(parseYuanToFen('650')).toBe(65000);
    expect(parseYuanToFen('650.00')).toBe(65000);
    expect(parseYuanToFen('1,582,100.5')).toBe(158210050);
    expect(parseYuanToFen('￥650元')).toBe(65000);
    expect(parseYuanToFen('６５０')).toBe(65000);
    expect(parseYuanToFen(650)).toBe(65000);
    expect(parseYuanToFen(0.1 + 0.2)).toBe(30);
  });
  it('rounds half-up at the third decimal', () => {
    expect(parseYuanToFen('0.005')).toBe(1);
    expect(parseYuanToFen('0.004')).toBe(0);
    expect(parseYuanToFen('29.545')).toBe(2955);
  });
  it('answers null for what is not money', () => {
    for (const raw of ['', 'abc', '6 5 0x', null, undefined, Number.NaN, {}]) expect(parseYuanToFen(raw)).toBeNull();
  });
  it('round-trips every fen amount through its yuan text (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
      expect(parseYuanToFen(formatYuan(fen))).toBe(fen);
    }));
  });
});
