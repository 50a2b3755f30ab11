import { describe, expect, it } from 'vitest';
import { periodRefusal, REPORTS, reportFileName } from './catalogue';
import { headerLines, standardFooter, textWidth } from './report-model';
import { diffSnapshots, snapshotOf } from './report-diff';
import { buildPublicRoster, publicityPeriod } from './public-roster';
import { messageFor } from '../errors';
import type { ReportModel } from './report-model';

const POLICIES = [
  { year: 2021, firstPaidMonth: '2021-04', lastPaidMonth: '2021-12' },
  { year: 2022, firstPaidMonth: '2022-03', lastPaidMonth: '2022-12' },
];

describe('the period rule of a report', () => {
  it('refuses a month after today, before the first policy, without a policy, or (for money) outside the paid months', () => {
    const today = '2022-07-05';
    expect(periodRefusal('policy-year', '2022-08', POLICIES, today)?.code).toBe('REPORT_PERIOD_FUTURE');
    expect(periodRefusal('policy-year', '1899-01', POLICIES, today)?.code).toBe('REPORT_PERIOD_BEFORE_FIRST');
    expect(periodRefusal('policy-year', '2020-12', POLICIES, '2030-01-01')?.code).toBe('REPORT_PERIOD_BEFORE_FIRST');
    expect(periodRefusal('policy-year', '2023-01', POLICIES, '2030-01-01')?.code).toBe('REPORT_PERIOD_NO_POLICY');
    expect(periodRefusal('paid-month', '2022-01', POLICIES, today)?.code).toBe('REPORT_PERIOD_NOT_PAID');
    expect(periodRefusal('policy-year', '2022-01', POLICIES, today)).toBeNull();
    expect(periodRefusal('paid-month', '2022-07', POLICIES, today)).toBeNull();
    const refusal = periodRefusal('paid-month', '2022-01', POLICIES, today)!;
    expect(messageFor(refusal.code, refusal.params)).toBe('2022年1月不在2022年的补贴发放月份（2022年3月至2022年12月）内，没有补贴发放可报');
  });

  it('names files with county, report and period, and every report has one', () => {
    expect(reportFileName('卢龙县', 'R5', '2022-06')).toBe('卢龙县_R5_131就业服务与技能培训情况表_2022年6月.xlsx');
    expect(new Set(REPORTS.map((r) => reportFileName('卢龙县', r.id, '2022-06'))).size).toBe(REPORTS.length);
  });
});

describe('the visual standard', () => {
  it('puts a bracketed part on its own line when the header does not fit, never breaking inside it', () => {
    expect(headerLines('本月发放金额（元）', 14)).toEqual({ lines: ['本月发放金额', '（元）'], width: 14 });
    expect(headerLines('实发', 11)).toEqual({ lines: ['实发'], width: 11 });
    // A bracket wider than the column widens the column.
    expect(headerLines('服务对象（有就业意愿未就业，人）', 14).width).toBeGreaterThanOrEqual(textWidth('（有就业意愿未就业，人）') + 1);
  });

  it('has the full footer with the names from 设置 and the day it was made', () => {
    const footer = standardFooter({ preparedOn: '2022-07-05', signatures: { unit: '', head: '王局长', reviewer: '李审核', preparer: '张填表', phone: '0335-7012345' } });
    expect(footer.map((f) => `${f.label}：${f.value}`)).toEqual(['单位负责人：王局长', '审核人：李审核', '填表人：张填表', '联系电话：0335-7012345', '填报日期：2022年7月5日']);
  });
});

describe('what changed since an export', () => {
  const model = (net: number, extra = false): ReportModel => ({
    fileName: 'x.xlsx',
    sheets: [{
      name: '潘庄镇', title: 't', unit: 'u', period: 'p', units: '元', footer: [], notes: [],
      columns: [{ header: '序号', kind: 'index', width: 6 }, { header: '姓名', kind: 'text', width: 9 }, { header: '身份证号', kind: 'text', width: 21 }, { header: '实发', kind: 'money', width: 11 }],
      rows: [
        ...(extra ? [{ kind: 'data' as const, cells: [1, '新人', '130324199001010011', 65000] }] : []),
        { kind: 'data', cells: [extra ? 2 : 1, '张三', '130324199001010022', net] },
        { kind: 'total', cells: [null, '合计', null, net + (extra ? 65000 : 0)] },
      ],
    }],
  });
  const headers = () => ['序号', '姓名', '身份证号', '实发'];

  it('lists changed figures by person and added rows, and nothing when the report is the same', () => {
    expect(diffSnapshots(snapshotOf(model(65000)), snapshotOf(model(65000)), headers)).toEqual({ lines: [], count: 0 });
    const changes = diffSnapshots(snapshotOf(model(65000)), snapshotOf(model(32500, true)), headers);
    expect(changes.lines).toEqual([
      '潘庄镇：新增 新人 130324199001010011 650.00',
      '潘庄镇：张三 130324199001010022 325.00：实发 650.00 → 325.00',
      '潘庄镇：合计 975.00：实发 650.00 → 975.00',
    ]);
  });
});

describe('the 公示 roster', () => {
  const entry = (name: string, township: string, village: string) => ({
    townshipCode: township, townshipName: `${township}镇`, villageName: village, name, sex: '男', idNumber: '130324199001010022', postType: '保洁', startDate: '2022-03-01', subsidyFen: 65000,
  });
  const head = { countyName: '卢龙县', unit: '卢龙县人力资源和社会保障局', month: '2022-06', preparedOn: '2022-07-05', signatures: { unit: '', head: '', reviewer: '', preparer: '', phone: '' } };

  it('has one sheet per township (or village), masked IDs, the 公示 period and the objection phone', () => {
    const entries = [entry('甲', 'A', '一村'), entry('乙', 'A', '二村'), entry('丙', 'B', '三村')];
    const byTownship = buildPublicRoster({ ...head, entries, publicity: { days: 7, phone: '0335-7012345', grouping: 'township' } });
    expect(byTownship.sheets.map((s) => s.name)).toEqual(['A镇', 'B镇']);
    expect(byTownship.sheets[0]!.rows[0]!.cells[4]).toBe('130324********0022');
    expect(byTownship.sheets[0]!.notes[0]).toBe('公示期：2022年7月5日至2022年7月11日（共7天）。');
    expect(byTownship.sheets[0]!.notes[1]).toContain('监督电话：0335-7012345');
    const byVillage = buildPublicRoster({ ...head, entries, publicity: { days: 5, phone: '', grouping: 'village' } });
    expect(byVillage.sheets.map((s) => s.name)).toEqual(['A镇一村', 'A镇二村', 'B镇三村']);
    expect(publicityPeriod('2022-12-30', 5)).toEqual({ from: '2022-12-30', to: '2023-01-03' });
  });
});
