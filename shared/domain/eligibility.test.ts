import { describe, expect, it } from 'vitest';
import { checkExit, checkPlacement, ineligibilityReason, type PlacementRequest } from './eligibility';
import { REFERENCE_COUNTY_POLICIES, type YearPolicy } from './policy';

const POLICY_2022 = REFERENCE_COUNTY_POLICIES.find((p) => p.year === 2022)!;
const VILLAGES: Record<string, string> = { V1: '范庄村', V2: '虎头石村' };

function request(overrides: Partial<Omit<PlacementRequest, 'person'>> & { person?: Partial<PlacementRequest['person']>; policy?: YearPolicy | null } = {}): PlacementRequest {
  const { person, ...rest } = overrides;
  return {
    person: { name: '王秀兰', category: '脱贫户', labourAbility: '普通劳动力', birthDate: '1970-05-10', villageCode: 'V1', householdNo: 'H1', ...person },
    post: { year: 2022, villageCode: 'V1' },
    policy: POLICY_2022,
    startDate: '2022-03-01',
    personPlacements: [],
    postPlacements: [],
    householdPlacements: [],
    villageName: (code) => VILLAGES[code] ?? code,
    ...rest,
  };
}

const outcome = (check: ReturnType<typeof checkPlacement>, rule: string) => check.checks.find((c) => c.rule === rule)?.outcome;
const codes = (list: { code: string }[]) => list.map((e) => e.code);

describe('checkPlacement: a clean case', () => {
  it('passes every rule and derives the agreement end from the policy (10 months from 1 March → 31 December)', () => {
    const check = checkPlacement(request());
    expect(check.refusals).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.agreementEndDate).toBe('2022-12-31');
    expect(check.ageOnStart).toBe(51);
    expect(check.checks.map((c) => c.rule)).toEqual(['上岗日期', '协议期', '人员类别', '劳动能力', '年龄', '一人一岗', '岗位空缺', '一户一岗', '岗位所在村']);
    expect(check.checks.every((c) => c.outcome === 'pass' && c.message.length > 0)).toBe(true);
  });
});

describe('category and labour ability', () => {
  it.each(['脱贫户', '防返贫监测对象'])('accepts %s', (category) => {
    expect(outcome(checkPlacement(request({ person: { category } })), '人员类别')).toBe('pass');
  });
  it.each(['低保', '特困', '其他'])('refuses %s with NOT_ELIGIBLE and says why', (category) => {
    const check = checkPlacement(request({ person: { category } }));
    expect(codes(check.refusals)).toEqual(['NOT_ELIGIBLE']);
    expect(check.refusals[0]!.message).toContain(`人员类别为“${category}”`);
  });
  it.each(['丧失劳动力', '无劳动力'])('refuses %s', (labourAbility) => {
    const check = checkPlacement(request({ person: { labourAbility } }));
    expect(codes(check.refusals)).toEqual(['NOT_ELIGIBLE']);
    expect(check.refusals[0]!.message).toContain(labourAbility);
  });
  it.each(['普通劳动力', '技能劳动力', '弱劳动力或半劳动力'])('accepts %s', (labourAbility) => {
    expect(checkPlacement(request({ person: { labourAbility } })).refusals).toEqual([]);
  });
  it('ineligibilityReason is null for someone who can hold a post', () => {
    expect(ineligibilityReason('脱贫户', '普通劳动力')).toBeNull();
    expect(ineligibilityReason('低保', '普通劳动力')).toContain('低保');
  });
});

describe('age on the start date', () => {
  const ageCheck = (birthDate: string, startDate = '2022-03-01') => checkPlacement(request({ person: { birthDate }, startDate }));

  it('refuses under 16: the day before the 16th birthday', () => {
    const check = ageCheck('2006-03-02');
    expect(check.ageOnStart).toBe(15);
    expect(codes(check.refusals)).toEqual(['NOT_ELIGIBLE']);
    expect(check.refusals[0]!.message).toContain('未满16岁');
  });
  it('accepts on the 16th birthday itself', () => {
    const check = ageCheck('2006-03-01');
    expect(check.ageOnStart).toBe(16);
    expect(check.refusals).toEqual([]);
  });
  it('passes without a warning the day before the 65th birthday', () => {
    const check = ageCheck('1957-03-02');
    expect(check.ageOnStart).toBe(64);
    expect(check.warnings).toEqual([]);
  });
  it('warns (confirmation needed) on the 65th birthday', () => {
    const check = ageCheck('1957-03-01');
    expect(check.ageOnStart).toBe(65);
    expect(check.refusals).toEqual([]);
    expect(codes(check.warnings)).toEqual(['AGE_CONFIRM']);
    expect(check.warnings[0]!.message).toContain('65岁');
  });
  it('still only warns the day before the 70th birthday', () => {
    const check = ageCheck('1952-03-02');
    expect(check.ageOnStart).toBe(69);
    expect(codes(check.warnings)).toEqual(['AGE_CONFIRM']);
    expect(check.refusals).toEqual([]);
  });
  it('refuses on the 70th birthday', () => {
    const check = ageCheck('1952-03-01');
    expect(check.ageOnStart).toBe(70);
    expect(codes(check.refusals)).toEqual(['NOT_ELIGIBLE']);
    expect(check.refusals[0]!.message).toContain('已满70岁');
  });
  it('uses the start date, not today: someone 70 now but 69 on the start date is only warned', () => {
    expect(codes(ageCheck('1952-07-01', '2022-06-30').warnings)).toEqual(['AGE_CONFIRM']);
    expect(codes(ageCheck('1952-07-01', '2022-07-01').refusals)).toEqual(['NOT_ELIGIBLE']);
  });
  it('follows a policy with its own band', () => {
    const policy = { ...POLICY_2022, minAge: 18, warnAge: 60, refuseAge: 65 };
    expect(codes(checkPlacement(request({ policy, person: { birthDate: '1962-03-01' } })).warnings)).toEqual(['AGE_CONFIRM']);
    expect(codes(checkPlacement(request({ policy, person: { birthDate: '1957-03-01' } })).refusals)).toEqual(['NOT_ELIGIBLE']);
    expect(codes(checkPlacement(request({ policy, person: { birthDate: '2004-03-02' } })).refusals)).toEqual(['NOT_ELIGIBLE']);
  });
});

describe('dates against the policy', () => {
  it('refuses a start date before the paid months (2022 pays from March)', () => {
    const check = checkPlacement(request({ startDate: '2022-02-28' }));
    expect(codes(check.refusals)).toEqual(['PLACEMENT_DATE_OUTSIDE']);
    expect(check.refusals[0]!.message).toContain('2022-03至2022-12');
  });
  it('accepts the first day of the first paid month and the last day of the last', () => {
    expect(checkPlacement(request({ startDate: '2022-03-01' })).refusals).toEqual([]);
    const last = checkPlacement(request({ startDate: '2022-12-31' }));
    expect(last.refusals).toEqual([]);
    expect(last.agreementEndDate).toBe('2022-12-31');
  });
  it('refuses a start after the paid months', () => {
    expect(codes(checkPlacement(request({ startDate: '2023-01-01' })).refusals)).toEqual(['PLACEMENT_DATE_OUTSIDE']);
  });
  it('refuses an impossible date with BAD_DATE', () => {
    expect(codes(checkPlacement(request({ startDate: '2022-02-30' })).refusals)).toEqual(['BAD_DATE']);
    expect(codes(checkPlacement(request({ startDate: '2022/3/1' })).refusals)).toEqual(['BAD_DATE']);
  });
  it('refuses without a policy for the year', () => {
    expect(codes(checkPlacement(request({ policy: null })).refusals)).toContain('POLICY_MISSING');
  });
  it('caps the agreement at the last paid month: a replacement from 1 July ends on 31 December', () => {
    const check = checkPlacement(request({ startDate: '2022-07-01' }));
    expect(check.agreementEndDate).toBe('2022-12-31');
    expect(check.maxAgreementEndDate).toBe('2022-12-31');
  });
  it('keeps a short policy term: 9 months from 15 April 2021 → 14 January 2022, capped at 31 December 2021', () => {
    const policy2021 = REFERENCE_COUNTY_POLICIES.find((p) => p.year === 2021)!;
    const check = checkPlacement(request({ policy: policy2021, post: { year: 2021, villageCode: 'V1' }, startDate: '2021-04-15' }));
    expect(check.agreementEndDate).toBe('2021-12-31');
    const shortTerm = checkPlacement(request({ policy: { ...POLICY_2022, agreementMonths: 3 }, startDate: '2022-03-15' }));
    expect(shortTerm.agreementEndDate).toBe('2022-06-14');
  });
  it('lets the clerk shorten the agreement within the policy, never lengthen it or end before the start', () => {
    expect(checkPlacement(request({ agreementEndDate: '2022-08-31' })).agreementEndDate).toBe('2022-08-31');
    expect(checkPlacement(request({ agreementEndDate: '2022-03-01' })).refusals).toEqual([]);
    expect(codes(checkPlacement(request({ agreementEndDate: '2023-01-01' })).refusals)).toEqual(['AGREEMENT_END_INVALID']);
    expect(codes(checkPlacement(request({ agreementEndDate: '2022-02-28' })).refusals)).toEqual(['AGREEMENT_END_INVALID']);
  });
});

describe('one post per person, one person per post', () => {
  const earlier = { name: '王秀兰', startDate: '2022-03-01', agreementEndDate: '2022-12-31', exitDate: null };

  it('refuses a second active placement with ALREADY_PLACED', () => {
    const check = checkPlacement(request({ personPlacements: [earlier], startDate: '2022-05-01' }));
    expect(codes(check.refusals)).toEqual(['ALREADY_PLACED']);
  });
  it('allows a new placement the day after the person exited', () => {
    const exited = { ...earlier, exitDate: '2022-06-30' };
    expect(checkPlacement(request({ personPlacements: [exited], startDate: '2022-07-01' })).refusals).toEqual([]);
    expect(codes(checkPlacement(request({ personPlacements: [exited], startDate: '2022-06-30' })).refusals)).toEqual(['ALREADY_PLACED']);
  });
  it('ignores last year\'s placement that ended with its year', () => {
    const lastYear = { name: '王秀兰', startDate: '2021-04-01', agreementEndDate: '2021-12-31', exitDate: null };
    expect(checkPlacement(request({ personPlacements: [lastYear] })).refusals).toEqual([]);
  });
  it('refuses a post that is still held, naming the holder and the day it becomes vacant', () => {
    const holder = { name: '李国强', startDate: '2022-03-01', agreementEndDate: '2022-12-31', exitDate: '2022-06-30' };
    const check = checkPlacement(request({ postPlacements: [holder], startDate: '2022-06-15' }));
    expect(codes(check.refusals)).toEqual(['POST_OCCUPIED']);
    expect(check.refusals[0]!.message).toContain('李国强');
    expect(check.refusals[0]!.message).toContain('2022-07-01起才空缺');
  });
  it('accepts a replacement on the day after an exit on the last day of a month', () => {
    const holder = { name: '李国强', startDate: '2022-03-01', agreementEndDate: '2022-12-31', exitDate: '2022-06-30' };
    const check = checkPlacement(request({ postPlacements: [holder], startDate: '2022-07-01' }));
    expect(check.refusals).toEqual([]);
    expect(outcome(check, '岗位空缺')).toBe('pass');
  });
  it('accepts a replacement on the day after a mid-month exit', () => {
    const holder = { name: '李国强', startDate: '2022-03-01', agreementEndDate: '2022-12-31', exitDate: '2022-05-17' };
    expect(checkPlacement(request({ postPlacements: [holder], startDate: '2022-05-18' })).refusals).toEqual([]);
  });
});

describe('one post per household', () => {
  const relative = { name: '王国庆', startDate: '2022-03-01', agreementEndDate: '2022-12-31', exitDate: null };
  it('warns by default (policy: warn)', () => {
    const check = checkPlacement(request({ householdPlacements: [relative] }));
    expect(check.refusals).toEqual([]);
    expect(codes(check.warnings)).toEqual(['HOUSEHOLD_PLACED']);
    expect(check.warnings[0]!.message).toContain('王国庆');
  });
  it('refuses when the policy says refuse', () => {
    const check = checkPlacement(request({ householdPlacements: [relative], policy: { ...POLICY_2022, householdRule: 'refuse' } }));
    expect(codes(check.refusals)).toEqual(['HOUSEHOLD_PLACED']);
  });
  it('does not count a relative who left before the start', () => {
    expect(checkPlacement(request({ householdPlacements: [{ ...relative, exitDate: '2022-04-30' }], startDate: '2022-05-01' })).warnings).toEqual([]);
  });
});

describe('the post\'s village', () => {
  it('warns when the post is in another village, naming both', () => {
    const check = checkPlacement(request({ post: { year: 2022, villageCode: 'V2' } }));
    expect(codes(check.warnings)).toEqual(['VILLAGE_MISMATCH']);
    expect(check.warnings[0]!.message).toBe('岗位在虎头石村，本人户籍在范庄村');
  });
});

describe('several findings at once', () => {
  it('lists every refusal and warning, not just the first', () => {
    const check = checkPlacement(request({
      person: { category: '低保', birthDate: '1952-03-01' },
      post: { year: 2022, villageCode: 'V2' },
      personPlacements: [{ name: 'x', startDate: '2022-03-01', agreementEndDate: '2022-12-31', exitDate: null }],
    }));
    expect(codes(check.refusals)).toEqual(['NOT_ELIGIBLE', 'NOT_ELIGIBLE', 'ALREADY_PLACED']);
    expect(codes(check.warnings)).toEqual(['VILLAGE_MISMATCH']);
  });
});

describe('checkExit (退岗)', () => {
  const placement = { startDate: '2022-03-01', agreementEndDate: '2022-12-31', exitDate: null };
  it('accepts an exit on the last day of a month, and on the start and agreement-end days', () => {
    expect(checkExit({ placement, exitDate: '2022-06-30', reason: '外出务工' })).toBeNull();
    expect(checkExit({ placement, exitDate: '2022-03-01', reason: '本人申请' })).toBeNull();
    expect(checkExit({ placement, exitDate: '2022-12-31', reason: '其他' })).toBeNull();
  });
  it('refuses an exit before the start or after the agreement end', () => {
    expect(checkExit({ placement, exitDate: '2022-02-28', reason: '本人申请' })?.code).toBe('EXIT_DATE_INVALID');
    expect(checkExit({ placement, exitDate: '2023-01-01', reason: '本人申请' })?.code).toBe('EXIT_DATE_INVALID');
  });
  it('refuses an unknown reason, an impossible date, and a second exit', () => {
    expect(checkExit({ placement, exitDate: '2022-06-30', reason: '不想干了' })?.code).toBe('BAD_ENUM');
    expect(checkExit({ placement, exitDate: '2022-06-31', reason: '本人申请' })?.code).toBe('BAD_DATE');
    const exited = { ...placement, exitDate: '2022-06-30', exitReason: '死亡' };
    const error = checkExit({ placement: exited, exitDate: '2022-07-31', reason: '本人申请' });
    expect(error?.code).toBe('ALREADY_EXITED');
    expect(error?.message).toContain('2022-06-30退岗（死亡）');
  });
});
