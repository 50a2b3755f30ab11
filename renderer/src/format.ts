// How numbers and times read on screen: counts with thousands separators (2,434), stored UTC times in the
// county's local time. One place, so every screen writes them the same way.
import { localDateTime } from '../../shared/domain/dates';

/** 2434 → "2,434" */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A stored UTC time → "2026-11-23 12:13" in local time. */
export const localTime = localDateTime;
