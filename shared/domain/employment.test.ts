import { describe, expect, it } from 'vitest';
import {
  checkDateFor, checkEmploymentInput, crossChecks, effectiveEmployment, EMPTY_EMPLOYMENT, formatRate, isLabourer,
  monthsBeyondYear, noRecentService, parseMonth, placementSpan, postAndAway, postSpanOf, rateBasisPoints, recordSpan,
  type EmploymentInput, type PostPlacement,
} from './employment';

const policy = { minAge: 16, warnAge: 65 };
const post = (overrides: Partial<PostPlacement> = {}): PostPlacement => ({
  startDate: '2022-03-01', agreementEndDate: '2022-12-31', exitDate: null, employingUnit: '石门村民委员会', subsidyFen: 65000, ...overrides,
});
const record = (overrides: Partial<EmploymentInput> = {}): EmploymentInput => ({ ...EMPTY_EMPLOYMENT, ...overrides });

describe('who is a labourer', () => {
  it('is 16–64 at the end of the year with labour ability', () => {
    expect(isLabourer({ birthDate: '2006-12-31', labourAbility: '普通劳动力' }, 2022, policy)).toBe(true); // 16 on 31 Dec
    expect(isLabourer({ birthDate: '2007-01-01', labourAbility: '普通劳动力' }, 2022, policy)).toBe(false); // still 15
    expect(isLabourer({ birthDate: '1958-01-01', labourAbility: '技能劳动力' }, 2022, policy)).toBe(true); // 64
    expect(isLabourer({ birthDate: '1957-12-31', labourAbility: '普通劳动力' }, 2022, policy)).toBe(false); // 65
    expect(isLabourer({ birthDate: '1980-05-05', labourAbility: '弱劳动力或半劳动力' }, 2022, policy)).toBe(true);
    expect(isLabourer({ birthDate: '1980-05-05', labourAbility: '丧失劳动力' }, 2022, policy)).toBe(false);
    expect(isLabourer({ birthDate: '1980-05-05', labourAbility: '无劳动力' }, 2022, policy)).toBe(false);
  });
  it('includes anyone on a post that year, 65+ included', () => {
    expect(isLabourer({ birthDate: '1955-01-01', labourAbility: '弱劳动力或半劳动力' }, 2022, policy, true)).toBe(true);
  });
});

describe('months', () => {
  it('parses the ways a clerk writes a month', () => {
    for (const raw of ['2022-3', '2022-03', '2022.3', '2022/03', '2022年3月', '202203', '２０２２-０３']) expect(parseMonth(raw), raw).toBe('2022-03');
    for (const raw of ['2022-13', '2022', 'March', '2022-3-1', '']) expect(parseMonth(raw), raw).toBeNull();
  });
  it('spans a record from its start month for its months worked', () => {
    expect(recordSpan(record({ startMonth: '2022-03', monthsWorked: 4 }), 2022)).toEqual({ from: 3, to: 6 });
    expect(recordSpan(record({ startMonth: '2022-10', monthsWorked: null }), 2022)).toEqual({ from: 10, to: 12 });
    expect(recordSpan(record({ startMonth: null, monthsWorked: null }), 2022)).toEqual({ from: 1, to: 12 });
    expect(recordSpan(record({ startMonth: '2021-10', monthsWorked: 3 }), 2022)).toBeNull();
  });
  it('spans a placement over the year, ending at the exit or the agreement end', () => {
    expect(placementSpan(post(), 2022)).toEqual({ from: 3, to: 12 });
    expect(placementSpan(post({ exitDate: '2022-07-15' }), 2022)).toEqual({ from: 3, to: 7 });
    expect(placementSpan(post({ startDate: '2021-04-01', agreementEndDate: '2021-12-31' }), 2022)).toBeNull();
    expect(placementSpan(post({ startDate: '2021-06-01', agreementEndDate: '2022-05-31' }), 2022)).toEqual({ from: 1, to: 5 });
    expect(postSpanOf([post({ exitDate: '2022-05-10' }), post({ startDate: '2022-06-01' })], 2022)).toEqual({ from: 3, to: 12 });
    expect(postSpanOf([], 2022)).toBeNull();
  });
});

describe('the row a labourer shows', () => {
  it('is employed in form 公益岗位 when on a post, with no entry at all', () => {
    const row = effectiveEmployment(null, [post()], 2022, '2022-12-31');
    expect(row).toMatchObject({ status: '已就业', form: '公益岗位', startMonth: '2022-03', monthsWorked: 10, avgIncomeFen: 65000, employer: '石门村民委员会', source: 'post' });
  });
  it('keeps the clerk entry for someone without a post, and shows 未就业 when nothing is recorded', () => {
    expect(effectiveEmployment(record({ status: '已就业', form: '省外务工' }), [], 2022, '2022-12-31')).toMatchObject({ form: '省外务工', source: 'entered' });
    expect(effectiveEmployment(null, [], 2022, '2022-12-31')).toMatchObject({ status: '未就业', form: null, source: 'none' });
  });
  it('stays 公益岗位 over a stored entry of another form, and notes that work', () => {
    const row = effectiveEmployment(record({ status: '已就业', form: '省外务工', startMonth: '2022-01', monthsWorked: 2 }), [post()], 2022, '2022-12-31');
    expect(row.form).toBe('公益岗位');
    expect(row.otherWork).toBe('省外务工（1月至2月）');
  });
  it('shows what was recorded since for someone who left a post earlier in the year, keeping the post months', () => {
    const left = post({ exitDate: '2022-06-15' });
    expect(effectiveEmployment(null, [left], 2022, '2022-12-31')).toMatchObject({ status: '未就业', source: 'none', onPost: false, otherWork: '公益岗位（3月至6月，已退岗）', postSpan: { from: 3, to: 6 } });
    const away = record({ status: '已就业', form: '省外务工', startMonth: '2022-07', monthsWorked: 6 });
    expect(effectiveEmployment(away, [left], 2022, '2022-12-31')).toMatchObject({ form: '省外务工', source: 'entered' });
    // Before the exit, the same person is on the post.
    expect(effectiveEmployment(away, [left], 2022, '2022-05-31')).toMatchObject({ form: '公益岗位', onPost: true });
    expect(checkEmploymentInput(away, 2022, { from: 3, to: 6 }, false).errors).toEqual({});
    expect(checkEmploymentInput(record({ status: '未就业' }), 2022, { from: 3, to: 6 }, false).errors).toEqual({});
  });
  it('takes income and employer from a 公益岗位 entry', () => {
    const row = effectiveEmployment(record({ status: '已就业', form: '公益岗位', avgIncomeFen: 70000, employer: '镇政府', wantsWork: true }), [post()], 2022, '2022-12-31');
    expect(row).toMatchObject({ avgIncomeFen: 70000, employer: '镇政府', wantsWork: true, monthsWorked: 10 });
  });
});

describe('checking an entry', () => {
  const span = { from: 3, to: 12 };
  it('needs a form when employed and none when not', () => {
    expect(checkEmploymentInput(record({ status: '已就业' }), 2022, null).errors.form?.code).toBe('EMP_FORM_REQUIRED');
    expect(checkEmploymentInput(record({ status: '未就业', form: '县内务工' }), 2022, null).errors.form?.code).toBe('EMP_FORM_NOT_EMPLOYED');
    expect(checkEmploymentInput(record({ status: '待业' as never }), 2022, null).errors.status?.code).toBe('BAD_ENUM');
    expect(checkEmploymentInput(record({ status: '已就业', form: '种地' as never }), 2022, null).errors.form?.code).toBe('BAD_ENUM');
    expect(checkEmploymentInput(record({ status: '已就业', form: '县内务工', startMonth: '2022-3' }), 2022, null).errors.startMonth?.code).toBe('BAD_MONTH');
    expect(checkEmploymentInput(record({ status: '已就业', form: '县内务工', startMonth: '2022-03', monthsWorked: 4, avgIncomeFen: 300000 }), 2022, null)).toEqual({ errors: {}, warnings: {} });
  });
  it('refuses a second form in the months of a post, and allows it outside them', () => {
    const clash = checkEmploymentInput(record({ status: '已就业', form: '县内务工', startMonth: '2022-05', monthsWorked: 2 }), 2022, span);
    expect(clash.errors.form?.code).toBe('EMP_POST_CONFLICT');
    expect(clash.errors.form?.message).toContain('3月至12月');
    expect(checkEmploymentInput(record({ status: '已就业', form: '省外务工', startMonth: '2022-01', monthsWorked: 2 }), 2022, span).errors).toEqual({});
    expect(checkEmploymentInput(record({ status: '已就业', form: '省外务工' }), 2022, span).errors.form?.code).toBe('EMP_POST_CONFLICT');
    expect(checkEmploymentInput(record({ status: '已就业', form: '公益岗位' }), 2022, span).errors).toEqual({});
    expect(checkEmploymentInput(record({ status: '未就业' }), 2022, span).errors.status?.code).toBe('EMP_POST_STATUS');
  });
  it('warns (does not refuse) on months past the year and income without work', () => {
    const result = checkEmploymentInput(record({ status: '未就业', avgIncomeFen: 150000, wantsWork: true }), 2022, null);
    expect(result.errors).toEqual({});
    expect(result.warnings.avgIncomeFen?.code).toBe('EMP_INCOME_NOT_EMPLOYED');
    expect(result.warnings.avgIncomeFen?.message).toContain('1,500.00');
    expect(checkEmploymentInput(record({ status: '已就业', form: '县内务工', startMonth: '2022-10', monthsWorked: 5 }), 2022, null).warnings.monthsWorked?.code).toBe('EMP_MONTHS_BEYOND_YEAR');
  });
});

describe('cross-record checks', () => {
  it('finds a post plus work outside the county in the same months, and only then', () => {
    expect(postAndAway(record({ status: '已就业', form: '省外务工', startMonth: '2022-02', monthsWorked: 3 }), { from: 3, to: 12 }, 2022)?.code).toBe('EMP_POST_AND_AWAY');
    expect(postAndAway(record({ status: '已就业', form: '省内县外务工' }), { from: 3, to: 12 }, 2022)?.code).toBe('EMP_POST_AND_AWAY');
    expect(postAndAway(record({ status: '已就业', form: '省外务工', startMonth: '2022-01', monthsWorked: 2 }), { from: 3, to: 12 }, 2022)).toBeNull();
    expect(postAndAway(record({ status: '已就业', form: '县内务工' }), { from: 3, to: 12 }, 2022)).toBeNull();
    expect(postAndAway(record({ status: '已就业', form: '省外务工' }), null, 2022)).toBeNull();
  });
  it('finds months worked beyond the year', () => {
    expect(monthsBeyondYear({ startMonth: '2022-06', monthsWorked: 7 }, 2022)).toBeNull();
    expect(monthsBeyondYear({ startMonth: '2022-06', monthsWorked: 8 }, 2022)?.code).toBe('EMP_MONTHS_BEYOND_YEAR');
    expect(monthsBeyondYear({ startMonth: null, monthsWorked: 13 }, 2022)?.code).toBe('EMP_MONTHS_BEYOND_YEAR');
    expect(monthsBeyondYear({ startMonth: '2023-01', monthsWorked: 1 }, 2022)?.message).toContain('不在2022年内');
  });
  it('finds a labourer who wants work, has none, and had no service in the last 60 days', () => {
    const wants = { status: '未就业' as const, wantsWork: true };
    expect(noRecentService(wants, [], '2022-12-31')?.code).toBe('EMP_NO_RECENT_SERVICE');
    expect(noRecentService(wants, ['2022-11-02'], '2022-12-31')).toBeNull(); // 59 days before
    expect(noRecentService(wants, ['2022-11-01'], '2022-12-31')?.code).toBe('EMP_NO_RECENT_SERVICE'); // 60 days before
    expect(noRecentService({ status: '未就业', wantsWork: false }, [], '2022-12-31')).toBeNull();
    expect(noRecentService({ status: '已就业', wantsWork: true }, [], '2022-12-31')).toBeNull();
    expect(checkDateFor(2022, '2026-11-23')).toBe('2022-12-31');
    expect(checkDateFor(2026, '2026-11-23')).toBe('2026-11-23');
  });
  it('lists every problem of a labourer at once', () => {
    const stored = record({ status: '未就业', avgIncomeFen: 1000, startMonth: '2022-12', monthsWorked: 2, wantsWork: true });
    const codes = crossChecks({ stored, effective: effectiveEmployment(stored, [], 2022, '2022-12-31'), serviceDates: [] }, 2022, '2022-12-31').map((e) => e.code);
    expect(codes).toEqual(['EMP_MONTHS_BEYOND_YEAR', 'EMP_INCOME_NOT_EMPLOYED', 'EMP_NO_RECENT_SERVICE']);
  });
});

describe('rates', () => {
  it('rounds half-up to hundredths of a percent in integers', () => {
    expect(rateBasisPoints(4019, 3946)).toBe(10185);
    expect(formatRate(rateBasisPoints(4019, 3946))).toBe('101.85%');
    expect(rateBasisPoints(1, 8)).toBe(1250);
    expect(rateBasisPoints(1, 3)).toBe(3333);
    expect(rateBasisPoints(2, 3)).toBe(6667);
    expect(rateBasisPoints(1, 0)).toBeNull();
    expect(formatRate(null)).toBe('—');
    expect(formatRate(5)).toBe('0.05%');
  });
});
