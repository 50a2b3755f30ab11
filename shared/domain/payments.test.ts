// The payment rules as pure functions: line state, never twice, re-issue, reconciliation, return rows, bank files.
import { describe, expect, it } from 'vitest';
import { countLineMoney, draftBatch, linePayment, maySend, noMoney, parseReturnStatus, reconcileBatch, retryReason, type Send } from './payments';
import { chooseReturnBatch, judgeReturnRow, parseReturnKeys, type ReturnTarget } from './bank-return';
import { bankFileModel, delimitedText, DEFAULT_BANK_TEMPLATE, templateProblems } from './bank-file';
import type { PayrollLine } from './payroll';
import { buildR2, type R2Township } from './reports/r2-posts-monthly';

const send = (over: Partial<Send>): Send => ({
  lineId: 1, batchId: 1, batchNo: '202203-01', batchStatus: '已报送银行', month: '2022-03', placementId: 7, cardNumber: '6217000000000000011',
  amountFen: 65000, result: null, reason: null, returnId: null, retryMarked: false, ...over,
});
const line = (over: Partial<PayrollLine>): PayrollLine => ({
  placementId: 7, personId: 3, name: '甲', idNumber: '130324197001010011', cardNumber: '6217000000000000011', townshipCode: 't', villageCode: 'v',
  status: 'paid', activeDays: 31, daysInMonth: 31, requiredDays: 22, attendedDays: 22, payableFen: 65000, deductionFen: 0, adjustmentFen: 0, netFen: 65000, ...over,
});

describe('a payroll line\'s payment state', () => {
  it('is 已发放 once the bank confirmed a live send, 发放失败 with the reason when every live send failed', () => {
    expect(linePayment([])).toMatchObject({ state: '未发送' });
    expect(linePayment([send({ batchStatus: '已生成' })])).toMatchObject({ state: '已生成' });
    expect(linePayment([send({})])).toMatchObject({ state: '已报送未回盘', batchNo: '202203-01' });
    expect(linePayment([send({ result: '失败', reason: '账户已冻结' })])).toMatchObject({ state: '发放失败', reason: '账户已冻结' });
    expect(linePayment([send({ result: '失败', reason: 'x' }), send({ lineId: 2, batchNo: '202204-01', result: '成功' })])).toMatchObject({ state: '已发放', batchNo: '202204-01', paidFen: 65000 });
    expect(linePayment([send({ batchStatus: '作废' })])).toMatchObject({ state: '未发送' });
  });

  it('may be sent again only when every live send failed', () => {
    expect(maySend([send({ result: '失败' })])).toBe(true);
    expect(maySend([send({ result: '失败' }), send({ lineId: 2 })])).toBe(false);
    expect(maySend([send({ result: '成功' })])).toBe(false);
    expect(maySend([send({ batchStatus: '作废' })])).toBe(true);
  });

  it('is re-issued for a corrected card or a 重发 mark, never unchanged', () => {
    const failed = send({ result: '失败', reason: '账号不存在' });
    expect(retryReason(failed, '6217000000000000011')).toBeNull();
    expect(retryReason(failed, '6217000000000000999')).toBe('卡号已更正');
    expect(retryReason({ ...failed, retryMarked: true }, '6217000000000000011')).toBe('重发');
    expect(retryReason({ ...failed, retryMarked: true }, null)).toBeNull();
  });
});

describe('a new batch', () => {
  it('takes sendable lines in no live batch, and with retryFailed the failures that may go again', () => {
    const lines = [line({}), line({ placementId: 8, cardNumber: null }), line({ placementId: 9, netFen: 0 }), line({ placementId: 10 })];
    const sends = new Map([['2022-03|10', [send({ placementId: 10 })]], ['2022-02|11', [send({ lineId: 5, month: '2022-02', placementId: 11, cardNumber: '6217000000000000022', result: '失败', reason: '账户已冻结', returnId: 3, retryMarked: true })]]]);
    const of = (m: string, p: number) => sends.get(`${m}|${p}`) ?? [];
    const retries = [{ failed: sends.get('2022-02|11')![0]!, personId: 4, name: '乙', idNumber: 'x', currentCard: '6217000000000000022', townshipCode: 't', villageCode: 'v' }];
    expect(draftBatch('2022-03', lines, of, retries, false).map((d) => d.placementId)).toEqual([7]);
    const drafts = draftBatch('2022-03', lines, of, retries, true, (id) => (id === 3 ? '6217000000000000777' : null));
    expect(drafts.map((d) => [d.month, d.placementId, d.cardNumber, d.retryOfReturnId, d.remark])).toEqual([
      ['2022-03', 7, '6217000000000000777', null, '审核后卡号已更正'],
      ['2022-02', 11, '6217000000000000022', 3, '更正2022-02发放；重发（原202203-01批失败：账户已冻结；重发）'],
    ]);
  });

  it('reconciles: sent = confirmed + failed + awaiting; failed = re-issued + not yet', () => {
    const r = reconcileBatch([{ amountFen: 100, result: '成功' }, { amountFen: 200, result: '失败' }, { amountFen: 300, result: '失败' }, { amountFen: 400, result: null }], (i) => i === 1);
    expect(r).toEqual({
      sent: { lines: 4, fen: 1000 }, confirmed: { lines: 1, fen: 100 }, failed: { lines: 2, fen: 500 },
      reissued: { lines: 1, fen: 200 }, failedOutstanding: { lines: 1, fen: 300 }, awaiting: { lines: 1, fen: 400 },
    });
  });
});

describe('return rows', () => {
  const targets: ReturnTarget[] = [
    { lineId: 1, batchId: 1, batchNo: '202203-01', batchStatus: '已报送银行', seq: 1, name: '甲', cardNumber: '6217000000000000011', amountFen: 65000, result: null },
    { lineId: 2, batchId: 1, batchNo: '202203-01', batchStatus: '已报送银行', seq: 2, name: '甲', cardNumber: '6217000000000000011', amountFen: 65000, result: null },
    { lineId: 3, batchId: 2, batchNo: '202203-02', batchStatus: '作废', seq: 1, name: '乙', cardNumber: '6217000000000000022', amountFen: 65000, result: null },
  ];
  const row = (over: Record<string, unknown>) => ({ seq: null, name: '甲', cardNumber: '6217 0000 0000 0000 011', amount: '650.00', status: '交易成功', reason: null, ...over }) as Parameters<typeof judgeReturnRow>[0];

  it('reads the bank\'s status words and refuses the rest', () => {
    expect(['成功', '交易成功', '已入账'].map(parseReturnStatus)).toEqual(['成功', '成功', '成功']);
    expect(['失败', '退票', '交易失败'].map(parseReturnStatus)).toEqual(['失败', '失败', '失败']);
    expect(parseReturnStatus('处理中')).toBeNull();
  });

  it('matches by card and amount, the 序号 deciding between two equal lines, each line once', () => {
    const batch = targets.slice(0, 2);
    const taken = new Map<number, number>();
    expect(judgeReturnRow(row({ seq: 2 }), 3, '202203-01', batch, [], taken)).toMatchObject({ ok: true, target: { lineId: 2 } });
    expect(judgeReturnRow(row({}), 4, '202203-01', batch, [], taken)).toMatchObject({ ok: true, target: { lineId: 1 } });
    expect(judgeReturnRow(row({}), 5, '202203-01', batch, [], taken)).toMatchObject({ ok: false, errors: [{ error: { code: 'RETURN_DUPLICATE' } }] });
    expect(judgeReturnRow(row({ amount: 650.01 }), 6, '202203-01', batch, [], new Map())).toMatchObject({ ok: false, errors: [{ error: { code: 'RETURN_AMOUNT' } }] });
    expect(judgeReturnRow(row({ status: '失败' }), 7, '202203-01', batch, [], new Map())).toMatchObject({ ok: true, result: '失败', reason: '银行未说明原因' });
    expect(judgeReturnRow(row({ cardNumber: Number('6217000000000000011') }), 8, '202203-01', batch, [], new Map())).toMatchObject({ ok: false, errors: [{ error: { code: 'DIGITS_LOST' } }] });
  });

  it('finds the batch a file answers: named, else the live batch most rows match', () => {
    const keys = [parseReturnKeys({ cardNumber: '6217000000000000022', amount: 650 })];
    expect(chooseReturnBatch(null, keys, targets)).toEqual({ batchNo: '202203-02', voided: true });
    expect(chooseReturnBatch('202203-01', keys, targets)).toEqual({ batchNo: '202203-01', voided: false });
    expect(chooseReturnBatch('209901-01', keys, targets)).toBeNull();
  });
});

describe('bank files', () => {
  const lines = [{ seq: 1, name: '=SUM(A1)', idNumber: '130324197001010011', cardNumber: '6217000000000000011', amountFen: 65012, remark: '', townshipName: '潘庄镇', villageName: '东村', month: '2022-03' },
    { seq: 2, name: '李,四', idNumber: '130324197001010022', cardNumber: '6217000000000000022', amountFen: 100, remark: '+1', townshipName: '潘庄镇', villageName: '东村', month: '2022-03' }];
  it('writes csv with the count and total at the foot, quoting separators, formulas kept as text', () => {
    const model = bankFileModel({ countyName: '卢龙县', month: '2022-03', batchNo: '202203-01' }, lines, { ...DEFAULT_BANK_TEMPLATE, titleRow: false });
    expect(model.totalFen).toBe(65112);
    expect(delimitedText(model, ',').split('\r\n')).toEqual([
      '序号,姓名,身份证号,卡号,金额,备注',
      "1,'=SUM(A1),130324197001010011,6217000000000000011,650.12,",
      "2,\"李,四\",130324197001010022,6217000000000000022,1.00,'+1",
      '合计,共2笔,,,651.12,',
      '',
    ]);
  });

  it('refuses a template without a card or an amount column', () => {
    expect(templateProblems({ ...DEFAULT_BANK_TEMPLATE, columns: [{ field: 'name', title: '户名' }] })).toEqual(['必须有“卡号”列', '必须有“金额”列']);
    expect(templateProblems(DEFAULT_BANK_TEMPLATE)).toEqual([]);
  });
});

describe('where a month\'s 实发 stands with the bank (首页, R2)', () => {
  it('counts as paid only what the bank confirmed; confirmed + 未回盘 + 失败 + 未发送及暂缓 = 实发, a negative 实发 included', () => {
    const money = noMoney();
    countLineMoney(money, line({}), true, [send({ result: '成功' })]);
    countLineMoney(money, line({ placementId: 8 }), true, [send({ placementId: 8 })]);
    countLineMoney(money, line({ placementId: 9 }), true, [send({ placementId: 9, result: '失败', reason: '账户已冻结' })]);
    // Failed, then paid by its re-issue: paid once.
    countLineMoney(money, line({ placementId: 10 }), true, [send({ placementId: 10, result: '失败' }), send({ lineId: 2, placementId: 10, result: '成功' })]);
    countLineMoney(money, line({ placementId: 11 }), true, [send({ placementId: 11, batchStatus: '已生成' })]);
    countLineMoney(money, line({ placementId: 12 }), true, []);
    countLineMoney(money, line({ placementId: 13, cardNumber: null }), true, []);
    countLineMoney(money, line({ placementId: 14 }), false, []);
    countLineMoney(money, line({ placementId: 15, netFen: -2000, status: 'adjustment_only' }), true, []);
    countLineMoney(money, line({ placementId: 16, netFen: 0, status: 'no_attendance' }), true, []);
    expect(money.confirmed).toEqual({ lines: 2, fen: 130000 });
    expect(money.awaitingReturn).toEqual({ lines: 1, fen: 65000 });
    expect(money.failed).toEqual({ lines: 1, fen: 65000 });
    expect(money.notSent).toEqual({ lines: 2, fen: 130000 }); // no batch yet, or a batch still 已生成
    expect(money.withheld).toEqual({ lines: 2, fen: 130000 }); // no card; not approved
    expect(money.unsent).toEqual({ lines: 4, fen: 130000 + 130000 - 2000 });
    expect(money.net.fen).toBe(8 * 65000 - 2000);
    expect(money.confirmed.fen + money.awaitingReturn.fen + money.failed.fen + money.unsent.fen).toBe(money.net.fen);
  });

  it('R2 prints the split beside 实发 and names unapproved townships in a note, never in 本年累计', () => {
    const row = (name: string, over: Partial<R2Township>): R2Township => ({
      name, plannedPosts: 10, posts: 10, onPost: 10, aged65: 1, started: 0, exited: 0, netFen: 650000, confirmedPeople: 9, confirmedFen: 585000,
      awaitingFen: 0, failedFen: 65000, unsentFen: 0, confirmedThisYearFen: 1755000, unapprovedFen: 0, ...over,
    });
    const head = { countyName: '卢龙县', unit: '卢龙县人力资源和社会保障局', month: '2022-05', preparedOn: '2022-06-05', signatures: { unit: '', head: '', reviewer: '', preparer: '', phone: '' } };
    const model = buildR2({ ...head, townships: [row('卢龙镇', {}), row('潘庄镇', { confirmedPeople: 0, confirmedFen: 0, failedFen: 0, unsentFen: 650000, unapprovedFen: 650000, confirmedThisYearFen: 0 })] });
    const sheet = model.sheets[0]!;
    expect(sheet.columns.map((c) => c.header).slice(8)).toEqual(['实发金额', '银行确认发放人数（人）', '银行确认发放金额', '已报送未回盘', '发放失败', '未发送及暂缓', '本年累计银行确认发放（元）']);
    expect(sheet.rows.at(-1)!.cells.slice(8)).toEqual([1300000, 9, 585000, 0, 65000, 650000, 1755000]);
    expect(sheet.notes.at(-1)).toBe('注：本月尚未审核的乡镇（潘庄镇）实发 6,500.00 元，计入“未发送及暂缓”，不计入本年累计。');
  });
});
