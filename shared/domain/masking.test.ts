import { describe, expect, it } from 'vitest';
import { maskNumbersInText } from './masking';

describe('maskNumbersInText', () => {
  it('masks an ID number, alone or inside text', () => {
    expect(maskNumbersInText('13032419850101123X')).toBe('130324********123X');
    expect(maskNumbersInText('身份证号“130324198501011234”已登记')).toBe('身份证号“130324********1234”已登记');
    expect(maskNumbersInText('13032419850101123x')).toBe('130324********123X');
  });

  it('masks card numbers of 16 to 19 digits, keeping the last four', () => {
    expect(maskNumbersInText('6217000000000004712')).toBe('***************4712');
    expect(maskNumbersInText('卡号 6217000000004712 开户行')).toBe('卡号 ************4712 开户行');
  });

  it('leaves codes, phones, dates, masked values and longer runs alone', () => {
    for (const text of ['130324100000', '13900001111', '2022-06-30', '130324********123X', '12345678901234567890', 'abc6217000000000004712', '张三']) {
      expect(maskNumbersInText(text)).toBe(text);
    }
  });
});
