// The registration is what dispatch enforces, so it must say the truth: every channel that reads or writes a
// township's records is registered `scoped` or `scopedWrite`, and a `county` channel cannot use the scope.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNELS } from '../../shared/contract/channels';
import { contract, PEOPLE_LIST_COLUMNS } from '../../shared/contract/schemas';
import { registry } from './channels';
import { channelsFor } from './registry';
import { inScope, requireInScope, townshipScope, undeclaredScope, whereInScope, scopeClause } from './scope';
import { createTempDb } from './testing/temp-db';
import { WorkbenchFailure } from './failure';
import { queryOne } from './testing/store-sql';

/** Field names that mean a township's records: a person, a placement, a post, an import batch, a township. */
const TOWNSHIP_DATA = new Set(['personId', 'personIds', 'ids', 'placementId', 'postId', 'batchId', 'idNumber', 'idMasked', 'cardMasked', 'townshipCode', 'villageCode', 'trainingId']);

/** Channels that name townships but hold no one's records, each with its reason. */
const COUNTY_WIDE: Record<string, string> = {
  'policies.plans': "the year's plan per township: county planning figures every role reads",
  'policies.save': "the administrator's year policy and township plans",
};

function keysOf(schema: z.ZodType, out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; options?: z.ZodType[]; valueType?: z.ZodType } }).def;
  if (def.shape) for (const [key, value] of Object.entries(def.shape)) { out.add(key); keysOf(value, out); }
  for (const inner of [def.element, def.innerType, def.valueType]) if (inner) keysOf(inner, out);
  if (Array.isArray(def.options)) for (const option of def.options) if (typeof option === 'object') keysOf(option, out);
  return out;
}

describe('channel registration', () => {
  it('registers every channel that touches a township\'s records as scoped or scopedWrite', () => {
    const touching = CHANNELS.filter((channel) => {
      const keys = new Set([...keysOf(contract[channel].input), ...keysOf(contract[channel].output)]);
      // people.list is columnar: its field names are in PEOPLE_LIST_COLUMNS, not in its schema.
      if (channel === 'people.list') for (const column of PEOPLE_LIST_COLUMNS) keys.add(column);
      return [...keys].some((k) => TOWNSHIP_DATA.has(k));
    });
    // The detector sees the channels it should (it would pass vacuously otherwise).
    expect(touching).toEqual(expect.arrayContaining(['people.list', 'employment.ledger', 'payroll.month', 'placements.place', 'import.undo']));
    const undeclared = touching.filter((c) => registry[c].scope === 'county' && !(c in COUNTY_WIDE));
    expect(undeclared).toEqual([]);
    // Reports return files, not fields: scoped all the same.
    for (const channel of ['reports.files', 'reports.r3', 'reports.employment', 'payroll.export', 'people.export'] as const) expect(registry[channel].scope).not.toBe('county');
  });

  it('declares writes as scopedWrite where they change a township\'s records', () => {
    const writes = ['people.save', 'employment.save', 'services.add', 'trainings.enrol', 'payroll.setAttendance', 'payroll.transition', 'placements.place', 'placements.exit', 'posts.create', 'import.commit', 'import.undo'] as const;
    expect(writes.filter((c) => registry[c].scope !== 'scopedWrite')).toEqual([]);
  });

  it('gives the UI exactly the channels each role may call', () => {
    expect(channelsFor('clerk')).toContain('import.commit');
    expect(channelsFor('clerk')).not.toContain('reports.files');
    expect(channelsFor('manager')).not.toContain('import.commit');
    expect(channelsFor('admin')).toEqual([...CHANNELS].sort());
  });
});

describe('township scope (scope.ts)', () => {
  const clerk = { townships: ['130324100000'] };
  const county = { townships: null };

  it('says who may see a township, and refuses with OUT_OF_SCOPE naming it', () => {
    expect(inScope(clerk, '130324100000')).toBe(true);
    expect(inScope(clerk, '130324102000')).toBe(false);
    expect(inScope(county, '130324102000')).toBe(true);
    expect(inScope({ townships: [] }, '130324100000')).toBe(false);
    expect(() => requireInScope(clerk, '130324102000', '燕河营镇')).toThrow(expect.objectContaining({ code: 'OUT_OF_SCOPE' }));
    const scope = townshipScope({ townships: [{ code: '130324100000' }, { code: '130324102000' }], divisions: { townshipNameOf: (c) => (c === '130324102000' ? '燕河营镇' : c) } }, clerk);
    expect(scope.codes()).toEqual(['130324100000']);
    expect(scope.refusal('130324102000')).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(scope.refusal('130324100000')).toBeNull();
  });

  it('filters a query and a driver statement to the actor\'s townships (none: no rows)', async () => {
    const temp = await createTempDb();
    try {
      const db = temp.ctx.wdb.db;
      const count = async (source: { townships: readonly string[] | null }) =>
        (await whereInScope(db.selectFrom('divisions').select('code').where('level', '=', 'village'), source, 'parent_code').execute()).length;
      const all = await count(county);
      const one = await count(clerk);
      expect(one).toBeGreaterThan(0);
      expect(one).toBeLessThan(all);
      expect(await count({ townships: [] })).toBe(0);
      const clause = scopeClause(clerk, 'parent_code');
      expect(((await queryOne(temp.ctx.wdb, `select count(*) n from divisions where level = 'village' and ${clause.sql}`, clause.params)) as { n: number }).n).toBe(one);
    } finally {
      await temp.cleanup();
    }
  });

  it('refuses to be used by a channel registered county-wide', () => {
    const scope = undeclaredScope('app.info');
    expect(() => scope.has('130324100000')).toThrow(WorkbenchFailure);
    expect(() => scope.townships).toThrow(/app\.info/);
  });
});
