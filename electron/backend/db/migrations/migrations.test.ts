// Shipped migrations are frozen: databases in the field record their names, and a changed body would leave
// two databases with the same history but different tables. New work adds a new timestamped migration.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from './index';
import { schemaCompatibility } from './compatibility';

/**
 * Every migration ever shipped, with the SHA-256 of its file (line endings normalised). Adding a migration
 * means adding its line here; a test failing on a hash means a shipped migration was edited — undo that
 * and write a new migration instead.
 */
const SHIPPED: Record<string, string> = {
  '001_init': '42612b512984f361bdc9c915c5910eec2019156d0c74c8d5fa74122907497e85',
  '002_import_snapshots': 'ab75c30b46a91873e352d01a9125c858628ef61328eb521e795d5621dc2cc652',
  '002_payroll': 'e4e8c3478ff70f122827c16337e490fb57cabd0ced7e77c405f4a496aabe45b5',
  '003_placements': '58a42673948a55c3691e4d169cc6940867db07c3aa1e2a623104e637429f957e',
  '004_employment': 'b26a4c4c0019af04db50fdee7ce90162c90bcd20128698765d99a2280d2893a2',
  '202611300547_payment_batches': '791ebc635b0798793259efc4029decf980773e60db15ef2008135d8b06835e62',
  '202611300600_report_settings': '8df345fddd7c2f96f57a0c64eb311e12ae6d2acbfa7efd0147c80912ae66182a',
  '202611300845_row_versions': 'ff00f57fec2ca47c78b90a840b3a341fb2ed80de96f356b85ce37c3c4c370d30',
};

/** Names from before the timestamp rule; never renamed (databases store them). */
const LEGACY = ['001_init', '002_import_snapshots', '002_payroll', '003_placements', '004_employment'];

function fileHash(name: string): string {
  const text = fs.readFileSync(path.join(__dirname, `${name}.ts`), 'utf8').replace(/\r\n/g, '\n');
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** 2026MMDDHHMM_<what>: a real UTC minute, so two pieces of work cannot pick the same name by counting. */
function isTimestampName(name: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})_[a-z0-9]+(_[a-z0-9]+)*$/.exec(name);
  if (!match) return false;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute));
  return year >= 2026 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute;
}

describe('shipped migrations', () => {
  it('are exactly the pinned list, each file unchanged since it shipped', () => {
    expect(Object.keys(migrations).sort()).toEqual(Object.keys(SHIPPED).sort());
    for (const [name, hash] of Object.entries(SHIPPED)) expect(fileHash(name), `${name}.ts was edited after it shipped`).toBe(hash);
  });

  it('keep the legacy names, and every later one is named by its UTC timestamp and runs after them', () => {
    for (const name of LEGACY) expect(Object.keys(migrations)).toContain(name);
    const later = Object.keys(migrations).filter((name) => !LEGACY.includes(name));
    for (const name of later) {
      expect(isTimestampName(name), `${name} should be named 2026MMDDHHMM_what`).toBe(true);
      expect([...LEGACY, name].sort().at(-1), `${name} must sort after the legacy migrations`).toBe(name);
    }
  });

  it('name the timestamp rule in a way the test itself can fail', () => {
    expect(isTimestampName('202611300630_report_settings')).toBe(true);
    expect(isTimestampName('202613300630_bad_month')).toBe(false);
    expect(isTimestampName('005_next')).toBe(false);
    expect(isTimestampName('202611300630-Report')).toBe(false);
  });
});

describe('schema compatibility', () => {
  const known = ['001_a', '002_b', '003_c'];
  it('says current, behind (with what is pending), newer (with what is unknown) or mismatched (with what is missing)', () => {
    expect(schemaCompatibility(['003_c', '001_a', '002_b'], known)).toEqual({ state: 'current' });
    expect(schemaCompatibility([], known)).toEqual({ state: 'behind', pending: known });
    expect(schemaCompatibility(['001_a'], known)).toEqual({ state: 'behind', pending: ['002_b', '003_c'] });
    expect(schemaCompatibility(['001_a', '002_b', '003_c', '209901010000_future'], known)).toEqual({ state: 'newer', unknown: ['209901010000_future'] });
    expect(schemaCompatibility(['001_a', '003_c'], known)).toEqual({ state: 'mismatch', missing: ['002_b'] });
  });
});
