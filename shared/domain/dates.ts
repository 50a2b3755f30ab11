// Calendar dates ('YYYY-MM-DD') as placements use them: plain strings that sort the way time runs, so
// comparisons are string comparisons; arithmetic goes through UTC days (no time zones, no DST).

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2022-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toUtc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** Today (or another moment) as the clerk's calendar date YYYY-MM-DD, in local time. */
export function localDate(moment: Date = new Date()): string {
  return `${moment.getFullYear()}-${String(moment.getMonth() + 1).padStart(2, '0')}-${String(moment.getDate()).padStart(2, '0')}`;
}

/** A stored UTC time (ISO, or SQLite's 'YYYY-MM-DD HH:MM:SS') as the clerk reads it: 2026-11-23 12:13 local. */
export function localDateTime(stored: string): string {
  const moment = new Date(stored.includes('T') ? stored : `${stored.replace(' ', 'T')}Z`);
  if (Number.isNaN(moment.getTime())) return stored;
  return `${localDate(moment)} ${String(moment.getHours()).padStart(2, '0')}:${String(moment.getMinutes()).padStart(2, '0')}`;
}

/** 2022-06-30 + 1 → 2022-07-01 */
export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/**
 * The day before the same day `months` later: a 10-month agreement from 2022-03-01 runs to 2022-12-31,
 * one from 2022-03-15 to 2023-01-14. A start on the 31st rolls to the month's last day first.
 */
export function endOfTermFrom(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return addDays(fromUtc(new Date(Date.UTC(targetYear, targetMonth, Math.min(d, lastDay)))), -1);
}

/** 2022-03-01 → 2022年3月1日 */
export function dateLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
