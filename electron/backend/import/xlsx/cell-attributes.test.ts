// The cell attribute readers of sheet.ts against the regular expressions they replace, on random
// attribute texts made of the pieces that matter (quotes, letters, digits, spaces, the attribute names).
import { describe, expect, it } from 'vitest';
import { cellType, refLetters, styleIndex, valueText } from './sheet';
import { ElementScanner } from './xml';

const PIECES = [' r="', ' t="', ' s="', '"', "'", 'A', 'b', 'XFD', 'ABCD', '1', '23', '_', 's', 'str', 'inlineStr', ' ', 'r=', '=', 'x:', '<', '>', '/', 'v', '<v>', '</v>', '<x:v>', '</x:v>', '<f>', '</f>', '&amp;'];

function randomText(seed: number): string {
  let s = seed;
  const next = (n: number) => { s = (s * 1103515245 + 12345) % 2147483648; return s % n; };
  return Array.from({ length: next(12) }, () => PIECES[next(PIECES.length)]).join('');
}

describe('cell attributes read without regular expressions', () => {
  it('give what the expressions gave, on 20,000 random attribute texts and cell insides', () => {
    const value = new ElementScanner('v');
    for (let seed = 1; seed <= 20_000; seed++) {
      const text = randomText(seed);
      expect(refLetters(text), text).toBe(/ r="([A-Za-z]{1,3})\d*"/.exec(text)?.[1]?.toUpperCase());
      expect(cellType(text), text).toBe(/ t="(\w+)"/.exec(text)?.[1] ?? 'n');
      const style = / s="(\d+)"/.exec(text);
      expect(styleIndex(text), text).toBe(style ? Number(style[1]) : -1);
      expect(valueText(text), text).toBe(value.first(text));
    }
  });
});
