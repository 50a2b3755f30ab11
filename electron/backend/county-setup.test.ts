import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCountyDatabase } from './county-setup';
import { createContext } from './context';
import { listPolicies } from './posts/policies-repository';
import { loadCounty } from './divisions/catalogue';
import { tempDir } from './testing/temp-db';
import { WorkbenchFailure } from './failure';

describe('creating a county database', () => {
  it('gives 卢龙县 its 12 townships, 549 villages and the 2021/2022 policies', async () => {
    const dir = tempDir();
    const wdb = await initCountyDatabase(path.join(dir, 'w.sqlite'));
    try {
      const ctx = await createContext(wdb);
      expect(ctx.county).toMatchObject({ code: '130324000000', name: '卢龙县', cityName: '秦皇岛市', provinceName: '河北省' });
      expect(ctx.townships).toHaveLength(12);
      expect(ctx.townships.reduce((n, t) => n + t.villages.length, 0)).toBe(549);
      expect(ctx.townships.map((t) => t.name)).toContain('燕河营镇');
      for (const t of ctx.townships) for (const v of t.villages) expect(v.code.slice(0, 9)).toBe(t.code.slice(0, 9));
      const policies = await listPolicies(wdb.db);
      expect(policies.map((p) => [p.year, p.monthlySubsidyFen, p.agreementMonths, p.plannedPosts])).toEqual([[2021, 60000, 9, 2227], [2022, 65000, 10, 2434]]);
      expect(policies[1]).toMatchObject({ firstPaidMonth: '2022-03', lastPaidMonth: '2022-12', employmentTarget: 3946, requiredDays: 22, minAge: 16, warnAge: 65, refuseAge: 70, householdRule: 'warn' });
      // 印庄镇 is matchable by its former name 印庄乡.
      const alias = await wdb.db.selectFrom('division_aliases').innerJoin('divisions', 'divisions.code', 'division_aliases.code').select('divisions.name').where('alias', '=', '印庄乡').executeTakeFirst();
      expect(alias?.name).toBe('印庄镇');
    } finally {
      await wdb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates any other county from the catalogue, without the reference policies', async () => {
    const dir = tempDir();
    const wdb = await initCountyDatabase(path.join(dir, 'w.sqlite'), '130321');
    try {
      const ctx = await createContext(wdb);
      expect(ctx.county.name).toBe(loadCounty('130321').name);
      expect(ctx.townships.length).toBeGreaterThan(0);
      expect(await listPolicies(wdb.db)).toEqual([]);
    } finally {
      await wdb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown county code before creating any file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'w.sqlite');
    await expect(initCountyDatabase(file, '999999')).rejects.toBeInstanceOf(WorkbenchFailure);
    expect(fs.existsSync(file)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
