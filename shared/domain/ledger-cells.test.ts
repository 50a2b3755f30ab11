import { describe, expect, it } from 'vitest';
import { parseLedgerCell, statusChoice } from './ledger-cells';

describe('a 就业台账 cell typed or pasted', () => {
  it('reads statuses, with the form in the same step', () => {
    expect(parseLedgerCell('status', '已就业：县内务工')).toEqual({ ok: true, value: '已就业：县内务工' });
    expect(parseLedgerCell('status', ' 未就业 ')).toEqual({ ok: true, value: '未就业' });
    expect(parseLedgerCell('status', '已就业：火星')).toMatchObject({ ok: false });
    expect(parseLedgerCell('status', '')).toMatchObject({ ok: false });
    expect(statusChoice('已就业：县内务工')).toEqual({ status: '已就业', form: '县内务工' });
    expect(statusChoice('未就业')).toEqual({ status: '未就业', form: null });
  });

  it('reads choices, yes/no, whole months and yuan; refuses the rest in Chinese with the value', () => {
    expect(parseLedgerCell('form', '')).toEqual({ ok: true, value: null });
    expect(parseLedgerCell('form', '灵活就业')).toEqual({ ok: true, value: '灵活就业' });
    expect(parseLedgerCell('form', '打工')).toEqual({ ok: false, reason: expect.stringContaining('“打工”不是可选的值') });
    expect(parseLedgerCell('wantsWork', '是')).toEqual({ ok: true, value: true });
    expect(parseLedgerCell('wantsWork', '否')).toEqual({ ok: true, value: false });
    expect(parseLedgerCell('wantsWork', 'yes')).toMatchObject({ ok: false });
    expect(parseLedgerCell('monthsWorked', '6')).toEqual({ ok: true, value: 6 });
    expect(parseLedgerCell('monthsWorked', '1.5')).toEqual({ ok: false, reason: '务工月数“1.5”应为整数，如 6' });
    expect(parseLedgerCell('avgIncomeFen', '3,500.00')).toEqual({ ok: true, value: 350000 });
    expect(parseLedgerCell('avgIncomeFen', '三千')).toEqual({ ok: false, reason: '月均收入“三千”应为金额（元），如 3500 或 3,500.00' });
    expect(parseLedgerCell('employer', '  某厂 ')).toEqual({ ok: true, value: '某厂' });
    expect(parseLedgerCell('employer', '')).toEqual({ ok: true, value: null });
  });
});
