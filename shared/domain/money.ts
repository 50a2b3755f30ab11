// Money is integer fen (分) everywhere; yuan text and capital numerals (大写) exist only at the edges.
import Nzh from 'nzh';

/** 158210000 → "1,582,100.00" */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** 158210000 → "壹佰伍拾捌万贰仟壹佰元整" (the form banks and auditors expect on rosters). */
export function yuanInWords(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  // nzh reads a number; fen / 100 prints back exactly (shortest round-trip) for every safe fen value
  // we handle, and a whole number gets the closing 整 that a decimal string would not.
  return Nzh.cn.toMoney(fen / 100, { outSymbol: false });
}

/**
 * Parses yuan as written in a form or a cell ("650", "650.00", "1,582,100.5", "￥650") into fen, rounding
 * half-up at the third decimal without going through floating point. Returns null when it is not money.
 */
export function parseYuanToFen(raw: unknown): number | null {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    // A number cell: round half-up on its decimal text to avoid 0.1+0.2 style drift.
    return parseYuanToFen(raw.toFixed(6));
  }
  if (typeof raw !== 'string') return null;
  const text = raw.replace(/[\s,，￥¥元]/g, '').replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace('．', '.');
  const match = /^(-)?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole, decimals = ''] = match;
  const padded = (decimals + '000').slice(0, 3);
  let fen = Number(whole) * 100 + Number(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) fen += 1;
  if (!Number.isSafeInteger(fen)) return null;
  return sign ? -fen : fen;
}
