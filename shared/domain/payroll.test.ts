import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computePayroll, divideRoundHalfUp, isListedInMonth, sumLines, type PayrollPlacement, type PayrollPolicy } from './payroll';
import { formatYuan, parseYuanToFen, yuanInWords } from './money';
import { monthsBetween } from './month';

const POLICY_2022: PayrollPolicy = {
  year: 2022, firstPaidMonth: '2022-03', lastPaidMonth: '2022-12', requiredDays: 22, minAge: 16, warnAge: 65, refuseAge: 70,
  householdRule: 'warn', payRule: 'prorate', deductionPerDayFen: 0,
};
const policies = (policy: PayrollPolicy = POLICY_2022) => new Map([[policy.year, policy]]);

let nextId = 1;
function placement(overrides: Partial<PayrollPlacement> = {}): PayrollPlacement {
  const id = nextId++;
  return {
    placementId: id, personId: id, name: `人员${id}`, idNumber: `13032419700101${String(id).padStart(4, '0')}`,
    cardNumber: `62170000000000${String(id).padStart(5, '0')}`, townshipCode: '130324100000', villageCode: '130324100201',
    householdNo: `H${id}`, category: '脱贫户', labourAbility: '普通劳动力', birthDate: '1970-01-01', postYear: 2022,
    startDate: '2022-03-01', agreementEndDate: '2022-12-31', exitDate: null, subsidyFen: 65000, attendedDays: 22,
    adjustmentFen: 0, ...overrides,
  };
}
const codes = (result: ReturnType<typeof computePayroll>) => result.anomalies.map((a) => a.code);

describe('pay per line', () => {
  it('pays the full standard at or above the required days, and flags days above the required', () => {
    const result = computePayroll('2022-05', [placement({ attendedDays: 22 }), placement({ placementId: 2, name: '李四', attendedDays: 26 })], policies());
    expect(result.lines.map((l) => [l.payableFen, l.deductionFen, l.netFen])).toEqual([[65000, 0, 65000], [65000, 0, 65000]]);
    expect(result.anomalies.map((a) => [a.code, a.placementId, a.message])).toEqual([['PAY_DAYS_ABOVE_REQUIRED', 2, '李四出勤26天，多于应出勤的22天，按全月发放，请核对']]);
  });

  it('prorates below the required days, rounding half-up to the fen', () => {
    // 65000 × 10 ÷ 22 = 29545.45… → 29545; 65000 × 13 ÷ 22 = 38409.09… → 38409; 65000 × 1 ÷ 22 = 2954.54… → 2955
    const result = computePayroll('2022-05', [10, 13, 1, 0].map((d) => placement({ attendedDays: d })), policies());
    expect(result.lines.map((l) => l.payableFen - l.deductionFen)).toEqual([29545, 38409, 2955, 0]);
    expect(result.lines.every((l) => l.payableFen === 65000)).toBe(true);
  });

  it('rounds exactly half a fen up', () => {
    // 1 fen standard × 11 ÷ 22 = 0.5 → 1
    const result = computePayroll('2022-05', [placement({ subsidyFen: 1, attendedDays: 11 })], policies());
    expect(result.lines[0]!.netFen).toBe(1);
    expect(divideRoundHalfUp(5, 10)).toBe(1);
    expect(divideRoundHalfUp(4, 10)).toBe(0);
    expect(divideRoundHalfUp(15, 10)).toBe(2);
  });

  it('uses the fixed deduction per absent day when the year says so, never below zero', () => {
    const perDay = policies({ ...POLICY_2022, payRule: 'per_day_deduction', deductionPerDayFen: 3000 });
    const result = computePayroll('2022-05', [placement({ attendedDays: 20 }), placement({ attendedDays: 0 }), placement({ attendedDays: 22 })], perDay);
    expect(result.lines.map((l) => [l.deductionFen, l.netFen])).toEqual([[6000, 59000], [65000, 0], [0, 65000]]);
  });

  it('pays a placement that starts mid-month for its active days only', () => {
    // Starts 2022-03-17: 15 of 31 days active. payable = 65000 × 15 ÷ 31 = 31451.6 → 31452; required = 22 × 15 ÷ 31 = 10.6 → 11.
    const result = computePayroll('2022-03', [placement({ startDate: '2022-03-17', attendedDays: 11 }), placement({ startDate: '2022-03-17', attendedDays: 5 })], policies());
    const [full, partial] = result.lines;
    expect(full).toMatchObject({ activeDays: 15, requiredDays: 11, payableFen: 31452, deductionFen: 0, netFen: 31452 });
    // From the printed 应发: 31452 × 5 ÷ 11 = 14296.4 → 14296
    expect(partial).toMatchObject({ activeDays: 15, requiredDays: 11, payableFen: 31452, netFen: 14296 });
  });

  it('pays an exit inside the month up to the exit date, and the replacement from its start', () => {
    const leaver = placement({ exitDate: '2022-06-10', attendedDays: 7 });
    const replacement = placement({ startDate: '2022-06-11', attendedDays: 15 });
    const result = computePayroll('2022-06', [leaver, replacement], policies());
    // June has 30 days: leaver 10 days → 21667 fen and 7 required; replacement 20 days → 43333 and 15 required.
    expect(result.lines.map((l) => [l.activeDays, l.requiredDays, l.payableFen, l.netFen])).toEqual([[10, 7, 21667, 21667], [20, 15, 43333, 43333]]);
    expect(result.totals.netFen).toBe(65000);
  });

  it('pays nothing and flags a month outside the agreement or the paid months', () => {
    const ended = placement({ agreementEndDate: '2022-04-30', attendedDays: 22 });
    const early = placement({ startDate: '2022-01-01', attendedDays: 22 });
    const lastYear = placement({ postYear: 2021, startDate: '2021-04-01', agreementEndDate: '2021-12-31', attendedDays: 22 });
    const result = computePayroll('2022-05', [ended], policies());
    expect(result.lines[0]).toMatchObject({ status: 'outside_agreement', netFen: 0 });
    expect(codes(result)).toEqual(['PAY_OUTSIDE_AGREEMENT']);
    expect(result.anomalies[0]!.message).toContain('不在协议期内');

    const feb = computePayroll('2022-02', [early], policies());
    expect(feb.lines[0]).toMatchObject({ status: 'outside_paid_months', netFen: 0 });
    expect(codes(feb)).toEqual(['PAY_OUTSIDE_PAID_MONTHS']);
    const jan = computePayroll('2022-01', [lastYear], policies());
    expect(codes(jan)).toEqual(['PAY_OUTSIDE_PAID_MONTHS']);
  });

  it('lists a person on post without attendance and pays nothing', () => {
    const result = computePayroll('2022-05', [placement({ attendedDays: null, name: '张无考' })], policies());
    expect(result.lines[0]).toMatchObject({ status: 'no_attendance', netFen: 0, requiredDays: 22 });
    expect(result.anomalies).toEqual([expect.objectContaining({ code: 'PAY_NO_ATTENDANCE', message: '张无考在岗但没有2022-05的考勤，本月暂不发放' })]);
  });

  it('adds adjustments to net, and keeps an adjustment of a placement no longer on post', () => {
    const back = placement({ adjustmentFen: 2955 });
    const gone = placement({ exitDate: '2022-04-15', adjustmentFen: -1000, attendedDays: null });
    const result = computePayroll('2022-05', [back, gone], policies());
    expect(result.lines.map((l) => [l.status, l.netFen])).toEqual([['paid', 67955], ['adjustment_only', -1000]]);
    expect(codes(result)).toEqual(['PAY_NET_NEGATIVE']);
  });

  it('flags attendance entered after the exit, pays nothing and adds no line for it', () => {
    const gone = placement({ exitDate: '2022-04-30', attendedDays: 20, name: '王已退' });
    const result = computePayroll('2022-05', [placement(), gone], policies());
    expect(result.lines).toHaveLength(1);
    expect(result.totals.netFen).toBe(65000);
    expect(result.anomalies).toEqual([expect.objectContaining({ code: 'PAY_ATTENDANCE_AFTER_EXIT', message: '王已退已于2022-04-30退岗，2022-05录入的20天考勤不予发放，请核实' })]);
  });
});

describe('part months can be checked by hand from what R4 prints', () => {
  it('computes the pay from the printed, rounded 应发 (on post 07-15 to 07-20, 3 of 4 days: 125.81 → 94.36)', () => {
    const [line] = computePayroll('2022-07', [placement({ startDate: '2022-07-15', exitDate: '2022-07-20', attendedDays: 3 })], policies()).lines;
    expect(line).toMatchObject({ activeDays: 6, requiredDays: 4, payableFen: 12581, netFen: 9436 });
  });

  it('matches 应发 × attended ÷ required, rounded half-up, for every days-on-post and attendance of a 31-day month', () => {
    for (let active = 1; active <= 31; active++) {
      const exitDate = `2022-07-${String(active).padStart(2, '0')}`;
      for (let attended = 0; attended <= active; attended++) {
        const [line] = computePayroll('2022-07', [placement({ startDate: '2022-07-01', exitDate, attendedDays: attended })], policies()).lines;
        const byHand = attended >= line!.requiredDays ? line!.payableFen : Math.round((line!.payableFen * attended * 100) / line!.requiredDays / 100 + 1e-9);
        expect(line!.payableFen - line!.deductionFen, `${active} days on post, ${attended} attended`).toBe(byHand);
      }
    }
  });
});

describe('anomalies', () => {
  it('flags attended days over the days on post', () => {
    const result = computePayroll('2022-06', [placement({ attendedDays: 31, name: '李多' })], policies());
    expect(result.anomalies).toEqual([expect.objectContaining({ code: 'PAY_DAYS_OVER', message: '李多出勤31天，超过本月在岗的30天' })]);
    expect(result.lines[0]!.netFen).toBe(65000);
  });

  it('flags one person in two overlapping placements, not a move from one post to the next', () => {
    const twice = [placement({ personId: 900 }), placement({ personId: 900 })];
    expect(codes(computePayroll('2022-05', twice, policies()))).toEqual(['PAY_TWO_PLACEMENTS', 'PAY_TWO_PLACEMENTS']);
    const move = [placement({ personId: 901, exitDate: '2022-05-10', attendedDays: 7, cardNumber: '6217000000000099999' }), placement({ personId: 901, startDate: '2022-05-11', attendedDays: 15, cardNumber: '6217000000000099999' })];
    expect(codes(computePayroll('2022-05', move, policies()))).toEqual([]);
  });

  it('flags a missing card and a card shared by two people', () => {
    const result = computePayroll('2022-05', [placement({ cardNumber: null }), placement({ cardNumber: '6217000000000012345', name: '甲' }), placement({ cardNumber: '6217000000000012345', name: '乙' })], policies());
    expect(codes(result)).toEqual(['PAY_CARD_MISSING', 'PAY_CARD_DUPLICATE', 'PAY_CARD_DUPLICATE']);
    expect(result.anomalies[1]!.message).toBe('甲的卡号与乙相同');
  });

  it('flags an ineligible category or labour ability', () => {
    const result = computePayroll('2022-05', [placement({ category: '其他' }), placement({ labourAbility: '丧失劳动力' })], policies());
    expect(codes(result)).toEqual(['PAY_NOT_ELIGIBLE', 'PAY_NOT_ELIGIBLE']);
    expect(result.anomalies[1]!.message).toContain('劳动能力为“丧失劳动力”');
  });

  it('flags an age on the start date outside the band', () => {
    const result = computePayroll('2022-05', [placement({ birthDate: '1952-02-28' }), placement({ birthDate: '2006-04-01' }), placement({ birthDate: '1952-03-02' })], policies());
    // 70 on 2022-03-01 (refused), 15 (too young); 69 the day before the 70th birthday is inside.
    expect(codes(result)).toEqual(['PAY_AGE_OUTSIDE', 'PAY_AGE_OUTSIDE']);
    expect(result.anomalies[0]!.message).toContain('上岗时70岁，不在16到69岁的范围内');
  });

  it('flags two placements in one household only when the policy says one per household', () => {
    const pair = () => [placement({ householdNo: 'HH1' }), placement({ householdNo: 'HH1' })];
    expect(codes(computePayroll('2022-05', pair(), policies()))).toEqual([]);
    const strict = policies({ ...POLICY_2022, householdRule: 'refuse' });
    expect(codes(computePayroll('2022-05', pair(), strict))).toEqual(['PAY_HOUSEHOLD_DUPLICATE', 'PAY_HOUSEHOLD_DUPLICATE']);
  });
});

describe('line filter', () => {
  it('lists placements started by the month end and not exited before the month start', () => {
    expect(isListedInMonth('2022-05-31', null, '2022-05')).toBe(true);
    expect(isListedInMonth('2022-06-01', null, '2022-05')).toBe(false);
    expect(isListedInMonth('2022-03-01', '2022-05-01', '2022-05')).toBe(true);
    expect(isListedInMonth('2022-03-01', '2022-04-30', '2022-05')).toBe(false);
  });
});

describe('money arithmetic (property-based)', () => {
  const placementArb = fc.record({
    subsidyFen: fc.integer({ min: 0, max: 500_000 }),
    attendedDays: fc.option(fc.integer({ min: 0, max: 31 }), { nil: null }),
    startDay: fc.integer({ min: 1, max: 31 }),
    exitDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
    adjustmentFen: fc.integer({ min: -100_000, max: 100_000 }),
  });
  const ruleArb = fc.record({ payRule: fc.constantFrom('prorate' as const, 'per_day_deduction' as const), deductionPerDayFen: fc.integer({ min: 0, max: 10_000 }), requiredDays: fc.integer({ min: 1, max: 26 }) });

  it('the sum of the lines is the total; each line balances; nothing is paid above its payable', () => {
    fc.assert(fc.property(fc.array(placementArb, { maxLength: 60 }), ruleArb, (rows, rule) => {
      const month = '2022-07';
      const input = rows.map((r) => placement({
        subsidyFen: r.subsidyFen, attendedDays: r.attendedDays, adjustmentFen: r.adjustmentFen,
        startDate: `2022-07-${String(r.startDay).padStart(2, '0')}`,
        exitDate: r.exitDay === null ? null : `2022-07-${String(Math.max(r.startDay, r.exitDay)).padStart(2, '0')}`,
      }));
      const result = computePayroll(month, input, policies({ ...POLICY_2022, ...rule }));
      let net = 0;
      for (const line of result.lines) {
        expect(Number.isSafeInteger(line.netFen)).toBe(true);
        expect(line.netFen).toBe(line.payableFen - line.deductionFen + line.adjustmentFen);
        expect(line.deductionFen).toBeGreaterThanOrEqual(0);
        expect(line.deductionFen).toBeLessThanOrEqual(line.payableFen);
        net += line.netFen;
      }
      expect(result.totals.netFen).toBe(net);
      expect(sumLines(result.lines)).toEqual(result.totals);
      // The total survives the trip through its printed form: no fen lost or invented at the edge.
      expect(parseYuanToFen(formatYuan(result.totals.netFen))).toBe(result.totals.netFen);
    }));
  });

  it('a full month prorates to exactly round-half-up(standard × attended ÷ required), checked in BigInt', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 31 }), (subsidyFen, requiredDays, attendedDays) => {
      const result = computePayroll('2022-07', [placement({ subsidyFen, attendedDays })], policies({ ...POLICY_2022, requiredDays }));
      const earned = result.lines[0]!.payableFen - result.lines[0]!.deductionFen;
      if (attendedDays >= requiredDays) { expect(earned).toBe(subsidyFen); return; }
      // earned = floor(x + 1/2) ⇔ 2·earned − 1 ≤ 2x < 2·earned + 1, with x = subsidy·attended/required.
      const twiceX = 2n * BigInt(subsidyFen) * BigInt(attendedDays);
      const req = BigInt(requiredDays);
      expect((2n * BigInt(earned) - 1n) * req <= twiceX).toBe(true);
      expect(twiceX < (2n * BigInt(earned) + 1n) * req).toBe(true);
    }));
  });

  it('pays more (never less) for more attended days', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 31 }), (subsidyFen, attended, startDay) => {
      const start = `2022-07-${String(startDay).padStart(2, '0')}`;
      const a = computePayroll('2022-07', [placement({ subsidyFen, attendedDays: attended, startDate: start })], policies()).totals.netFen;
      const b = computePayroll('2022-07', [placement({ subsidyFen, attendedDays: attended + 1, startDate: start })], policies()).totals.netFen;
      expect(b).toBeGreaterThanOrEqual(a);
    }));
  });
});

describe('the demo county arithmetic (SPEC §3)', () => {
  it('2,434 placements at full attendance at 650.00 make exactly 1,582,100.00', () => {
    const input = Array.from({ length: 2434 }, () => placement({ attendedDays: 22 }));
    const result = computePayroll('2022-05', input, policies());
    expect(result.totals.netFen).toBe(158_210_000);
    expect(formatYuan(result.totals.netFen)).toBe('1,582,100.00');
    expect(yuanInWords(result.totals.netFen)).toBe('壹佰伍拾捌万贰仟壹佰元整');
    expect(result.anomalies).toEqual([]);
  });

  it('a full 10-month agreement pays 6,500.00 per person', () => {
    const p = placement({ attendedDays: 22 });
    const total = monthsBetween('2022-03', '2022-12').reduce((sum, month) => sum + computePayroll(month, [p], policies()).totals.netFen, 0);
    expect(total).toBe(650_000);
    expect(computePayroll('2023-01', [p], policies()).totals.netFen).toBe(0);
  });
});
