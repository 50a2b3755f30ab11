import { describe, expect, it } from 'vitest';
import { csvField, csvLine, startsLikeFormula } from './spreadsheet-text';

describe('text a spreadsheet would run as a formula', () => {
  it('is neutralised in CSV with a leading single quote (OWASP), and quoted when it needs to be', () => {
    expect(csvField('=HYPERLINK("http://evil.example","点我")')).toBe(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(csvField('+cmd|\' /C calc\'!A0')).toBe("'+cmd|' /C calc'!A0");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('张三')).toBe('张三');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(-1200)).toBe('-1200');
    expect(csvField(null)).toBe('');
    expect(csvLine(['=1', '李四', 5], '|')).toBe("'=1|李四|5");
  });

  it('knows which starts are dangerous', () => {
    for (const text of ['=', '+', '-', '@', '\t', '\r']) expect(startsLikeFormula(`${text}x`)).toBe(true);
    for (const text of ['x=1', ' =1', '（=）', '']) expect(startsLikeFormula(text)).toBe(false);
  });
});
