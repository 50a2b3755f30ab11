import { describe, expect, it } from 'vitest';
import { isIdNumber, maskCard, maskNumbersInText } from './masking';

describe('maskNumbersInText', () => {
  it('masks an ID number, alone or inside text', () => {
    expect(maskNumbersInText('13032419850101106X')).toBe('130324********106X');
    expect(maskNumbersInText('身份证号“110101199003074514”已登记')).toBe('身份证号“110101********4514”已登记');
    expect(maskNumbersInText('13032419850101106x')).toBe('130324********106X');
  });

  it('leaves household numbers, codes, phones, card numbers, dates, masked values and longer runs alone', () => {
    for (const text of ['1303241020010001', '130324100000', '13900001111', '6217000000000004712', '2022-06-30', '130324********123X', '12345678901234567890', 'abc13032419850101106X', '130324198501011234', '张三']) {
      expect(maskNumbersInText(text)).toBe(text);
    }
  });

  it('knows an ID number by its check character', () => {
    expect(isIdNumber('13032419850101106X')).toBe(true);
    expect(isIdNumber('130324198501011238')).toBe(true);
    expect(isIdNumber('130324198501011234')).toBe(false);
  });
});

describe('maskCard', () => {
  it('keeps the last four digits of a card number, and a masked one as it is', () => {
    expect(maskCard('6217000000000004712')).toBe('***************4712');
    expect(maskCard('***************4712')).toBe('***************4712');
    expect(maskCard('')).toBe('');
  });
});
