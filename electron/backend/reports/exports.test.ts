// A report already exported that would now come out different says so and lists what changed (issue 11);
// settings from 设置 reach the footer; the summary adds up to its townships.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { dispatch } from '../dispatch';
import type { ReportExport, ReportPreview, WorkbenchSummary } from '../../../shared/contract/reports';
import { queryOne } from '../testing/store-sql';

describe('exports, settings and the summary on the demo county', () => {
  let temp: TempDb;
  beforeAll(async () => { temp = await createTempDb({ demo: true }); }, 120_000);
  afterAll(async () => { await temp?.cleanup(); });

  async function call<T>(channel: string, input: unknown): Promise<T> {
    const result = await dispatch(temp.ctx, channel, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.data as T;
  }

  it('lists what changed since the last export of the same report and month', async () => {
    const first = await call<ReportExport>('reports.export', { report: 'R4', month: '2022-07' });
    expect(first.since).toBeNull();
    expect((await call<ReportPreview>('reports.preview', { report: 'R4', month: '2022-07' })).since?.changes.count).toBe(0);
    // A clerk corrects one person's attendance in the open month after the file went to the city.
    const line = (await queryOne(temp.ctx.wdb, `select a.placement_id id, pe.name from attendance a join placements pl on pl.id = a.placement_id
      join people pe on pe.id = pl.person_id join posts po on po.id = pl.post_id
      where a.month = '2022-07' and a.attended_days >= 22 and pe.card_number is not null
      and po.township_code not in (select township_code from payroll_months where month = '2022-07') order by a.placement_id limit 1`)) as { id: number; name: string };
    await call('payroll.setAttendance', { month: '2022-07', entries: [{ placementId: line.id, attendedDays: 11 }] });
    const preview = await call<ReportPreview>('reports.preview', { report: 'R4', month: '2022-07' });
    expect(preview.since?.changes.count).toBeGreaterThan(0);
    expect(preview.since?.changes.lines.some((l) => l.includes(line.name) && l.includes('实发 650.00 →'))).toBe(true);
    expect(preview.since?.changes.lines.some((l) => l.startsWith('汇总：') && l.includes('合计'))).toBe(true);
    const second = await call<ReportExport>('reports.export', { report: 'R4', month: '2022-07' });
    expect(second.since?.changes.count).toBe(preview.since?.changes.count);
    expect((await call<ReportPreview>('reports.preview', { report: 'R4', month: '2022-07' })).since?.changes.count).toBe(0);
  });

  it('prints the footer and 公示 settings kept in 设置', async () => {
    await call('reports.saveSettings', {
      signatures: { unit: '', head: '王局长', reviewer: '李审核', preparer: '张填表', phone: '0335-7012345' },
      publicity: { days: 5, phone: '0335-7099999', grouping: 'township' },
    });
    const r2 = await call<ReportPreview>('reports.preview', { report: 'R2', month: '2022-06' });
    expect(r2.sheets[0]!.footer.slice(0, 4).map((f) => f.value)).toEqual(['王局长', '李审核', '张填表', '0335-7012345']);
    const roster = await call<ReportPreview>('reports.preview', { report: 'PUBLIC', month: '2022-06' });
    expect(roster.sheets).toHaveLength(12);
    expect(roster.sheets[0]!.notes.join('')).toContain('（共5天）');
    expect(roster.sheets[0]!.notes.join('')).toContain('监督电话：0335-7099999');
  });

  it('gives 首页 figures that add up to the townships, and agree with R2 and R4', async () => {
    const s = await call<WorkbenchSummary>('reports.summary', { month: '2022-06' });
    const r4 = await call<ReportPreview>('reports.preview', { report: 'R4', month: '2022-06' });
    expect(s.payroll.netFen).toBe(r4.figures.totalFen);
    expect(s.payroll.transferFen).toBe(r4.figures.transferFen);
    expect(s.townships.reduce((n, t) => n + t.transferFen, 0)).toBe(s.payroll.transferFen);
    expect(s.townships.reduce((n, t) => n + t.filled, 0)).toBe(s.posts.filled);
    expect(s.posts).toEqual({ planned: 2434, developed: 2434, filled: 2434, vacant: 0 });
    const r2 = await call<ReportPreview>('reports.preview', { report: 'R2', month: '2022-06' });
    const total = r2.sheets[0]!.rows.at(-1)!.cells;
    expect(total[10]).toBe(s.payroll.yearNetFen);
    const dec = await call<WorkbenchSummary>('reports.summary', { month: '2022-12' });
    expect(dec.employment).toMatchObject({ employed: 4019, target: 3946, rate: 10185, hasLedger: true });
    // Computed again after any change of the data: one more day of attendance in July moves the month's 实发.
    const before = await call<WorkbenchSummary>('reports.summary', { month: '2022-07' });
    const short = (await queryOne(temp.ctx.wdb, `select a.placement_id id, a.attended_days d from attendance a join placements pl on pl.id = a.placement_id
      join posts po on po.id = pl.post_id where a.month = '2022-07' and a.attended_days between 5 and 15
      and po.township_code not in (select township_code from payroll_months where month = '2022-07') limit 1`)) as { id: number; d: number };
    await call('payroll.setAttendance', { month: '2022-07', entries: [{ placementId: short.id, attendedDays: short.d + 1 }] });
    const after = await call<WorkbenchSummary>('reports.summary', { month: '2022-07' });
    expect(after.payroll.netFen).toBeGreaterThan(before.payroll.netFen);
    // Without a month: the month being worked on (the latest with attendance).
    expect((await call<WorkbenchSummary>('reports.summary', {})).month).toBe('2022-07');
  });
});
