import { describe, expect, it } from 'vitest';
import { localDate, localDateTime } from './dates';

describe('local calendar dates', () => {
  it('writes a moment as the local YYYY-MM-DD', () => {
    expect(localDate(new Date(2022, 2, 1, 23, 59))).toBe('2022-03-01');
    expect(localDate(new Date(2026, 10, 23))).toBe('2026-11-23');
  });
  it('shows a stored UTC time in local time, from ISO or SQLite spelling, and leaves garbage as it is', () => {
    const moment = new Date(Date.UTC(2026, 10, 23, 4, 13, 47));
    const expected = `${localDate(moment)} ${String(moment.getHours()).padStart(2, '0')}:${String(moment.getMinutes()).padStart(2, '0')}`;
    expect(localDateTime('2026-11-23T04:13:47.449Z')).toBe(expected);
    expect(localDateTime('2026-11-23 04:13:47')).toBe(expected);
    expect(localDateTime('not a time')).toBe('not a time');
  });
});
