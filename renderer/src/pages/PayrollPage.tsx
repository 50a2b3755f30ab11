// 考勤发放: choose a month; one line per placement on post, a subtotal after each township (or, on demand,
// each village); attended days typed or pasted straight into the grid (Enter moves down), each value checked
// the same way and a refusal explained in its cell and the status line; totals per village, township and county
// (also in 大写); anomalies beside the grid; submit / approve / return / reopen per township; the lock
// board; adjustments (补发/扣回) of locked months; R4 and the bank list.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { themeQuartz, type CellFocusedEvent, type CellValueChangedEvent, type ColDef, type GridApi, type IRowNode, type NavigateToNextCellParams, type RowClassParams, type ValueSetterParams } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { PayrollLineView, PayrollMonthView } from '../../../shared/contract/schemas';
import { formatYuan } from '../../../shared/domain/money';
import { monthLabel, monthsBetween } from '../../../shared/domain/month';
import { PAYROLL_ANOMALY_TITLES, type PayrollAnomalyCode } from '../../../shared/domain/payroll';
import { PAYROLL_TRANSITIONS, mayEditPayroll, type PayrollAction } from '../../../shared/domain/payroll-lifecycle';
import { call } from '../api';
import type { AppInfo } from '../App';
import { downloadBase64 } from '../download';
import { AdjustmentDialog } from '../components/AdjustmentDialog';
import { ReasonDialog } from '../components/ReasonDialog';
import { LockBoard } from '../components/LockBoard';
import { Dialog } from '../components/Dialog';
import { messageFor } from '../../../shared/domain/errors';
import { count } from '../format';
import { useSessionUser } from '../session';
import { useGridClipboard, type AcceptedCell, type CellCheck, type MessageKind } from '../grid-clipboard';

const theme = themeQuartz.withParams({ fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', 'sans-serif'], fontSize: 13, headerFontSize: 13, spacing: 5 });

type Totals = PayrollMonthView['totals'];
/** A grid row: a payroll line, or a village / township subtotal under its lines. */
interface GridRow {
  rowId: string;
  kind: 'line' | 'village' | 'township';
  line: PayrollLineView | null;
  townshipName: string;
  villageName: string;
  name: string;
  idMasked: string;
  cardMasked: string;
  requiredDays: number | null;
  attendedDays: number | null;
  payableFen: number;
  deductionFen: number;
  adjustmentFen: number;
  netFen: number;
  note: string;
  /** Where the line's money stands with the bank (代发批次与回盘). */
  payment: string;
}

const STATUS_NOTES: Record<PayrollLineView['status'], string> = {
  paid: '', no_attendance: '无考勤，暂不发放', outside_agreement: '协议期外', outside_paid_months: '非发放月份', adjustment_only: '仅补发/扣回',
};

function subtotal(kind: 'village' | 'township', rowId: string, label: string, townshipName: string, totals: Totals): GridRow {
  return {
    rowId, kind, line: null, townshipName: kind === 'township' ? `${townshipName} 合计` : townshipName, villageName: kind === 'village' ? `${label} 小计` : '',
    name: `${count(totals.lines)}人`, idMasked: '', cardMasked: '', requiredDays: null, attendedDays: null,
    payableFen: totals.payableFen, deductionFen: totals.deductionFen, adjustmentFen: totals.adjustmentFen, netFen: totals.netFen, note: '', payment: '',
  };
}

export type Grouping = 'township' | 'village';

/** What a step that needs a reason will do, said in its dialog. */
const REASON_NOTES: Partial<Record<PayrollAction, string>> = {
  return: '退回后本乡镇本月回到“未提交”，录入员修改后重新提交；原因显示在本页状态栏，并记入审计日志。',
  reopen: '重新打开后本乡镇本月解除锁定，可以再修改出勤，之后须重新提交和审核；原因记入审计日志。',
};

/** Lines in township and village order, a subtotal after each township (and each village when asked):
 * a township file with one or two people per village would otherwise be half subtotals. */
function gridRows(view: PayrollMonthView, townshipFilter: string, grouping: Grouping): GridRow[] {
  const villageTotals = new Map(view.villages.map((v) => [`${v.townshipCode}|${v.villageCode}`, v]));
  const rows: GridRow[] = [];
  let current: PayrollLineView | null = null;
  const closeVillage = (l: PayrollLineView) => grouping === 'village' && rows.push(subtotal('village', `v-${l.townshipCode}-${l.villageCode}`, l.villageName, l.townshipName, villageTotals.get(`${l.townshipCode}|${l.villageCode}`)!.totals));
  const closeTownship = (l: PayrollLineView) => rows.push(subtotal('township', `t-${l.townshipCode}`, l.townshipName, l.townshipName, view.townships.find((t) => t.code === l.townshipCode)!.totals));
  for (const l of view.lines) {
    if (townshipFilter && l.townshipCode !== townshipFilter) continue;
    if (current && current.villageCode !== l.villageCode) closeVillage(current);
    if (current && current.townshipCode !== l.townshipCode) closeTownship(current);
    rows.push({
      rowId: `p-${l.placementId}`, kind: 'line', line: l, townshipName: l.townshipName, villageName: l.villageName, name: l.name,
      idMasked: l.idMasked, cardMasked: l.cardMasked, requiredDays: l.requiredDays, attendedDays: l.attendedDays,
      payableFen: l.payableFen, deductionFen: l.deductionFen, adjustmentFen: l.adjustmentFen, netFen: l.netFen,
      note: [l.locked ? '已锁定' : '', STATUS_NOTES[l.status], l.activeDays < l.daysInMonth && l.status === 'paid' ? `在岗${l.activeDays}天` : ''].filter(Boolean).join('；'),
      payment: paymentText(l),
    });
    current = l;
  }
  if (current) { closeVillage(current); closeTownship(current); }
  return rows;
}

/** Short enough for the column: the batch number is on 代发批次 and in the person's 发放记录. */
function paymentText(l: PayrollLineView): string {
  const { state, reason } = l.payment;
  if (state === '发放失败') return `发放失败（${reason ?? ''}）`;
  if (state === '未发送') return l.netFen > 0 ? (reason ?? '未发送') : '';
  return state;
}

const money = (p: { value: number | null | undefined }) => (p.value === null || p.value === undefined ? '' : formatYuan(p.value));


/** Why a line's 出勤天数 cannot be changed now, or null when it can. */
function lockedReason(line: PayrollLineView | null, view: PayrollMonthView | null, mayEdit: boolean): string | null {
  if (!line) return '小计行不能录入';
  if (!mayEdit) return '审核员只能查看，出勤天数由录入员或管理员录入';
  if (line.locked) return '本月已审核锁定，不能修改；更正请在以后月份登记补发/扣回（只有管理员可以重新打开）';
  if (line.status === 'adjustment_only') return '本月不在岗，只有补发/扣回';
  if (line.status === 'outside_agreement') return '本月不在协议期内，不发放';
  if (line.status === 'outside_paid_months') return '本月不是发放月份';
  const status = view?.townships.find((t) => t.code === line.townshipCode)?.status;
  if (status && status !== '未提交') return `${line.townshipName}本月${status}，${status === '已提交' ? '审核员退回后' : '管理员重新打开后'}才能修改`;
  return null;
}

/** The one check for a typed or pasted 出勤天数: a whole number 0–31; more than 应出勤 is kept with a warning. */
function checkDays(raw: unknown, line: PayrollLineView): CellCheck {
  const text = raw === null || raw === undefined ? '' : String(raw).trim();
  if (text === '') return { ok: true, value: null, warning: null };
  const days = Number(text);
  if (!/^\d+$/.test(text) || days > 31) return { ok: false, reason: messageFor('BAD_DAYS', { value: text }) };
  const warning = days > line.requiredDays ? `出勤${days}天，多于应出勤的${line.requiredDays}天，按全月发放；请核对` : null;
  return { ok: true, value: days, warning };
}

export function PayrollPage({ info }: { info: AppInfo }) {
  const months = useMemo(() => info.policies.flatMap((p) => monthsBetween(p.firstPaidMonth, p.lastPaidMonth)), [info.policies]);
  const [month, setMonth] = useState<string | null>(null);
  const [view, setView] = useState<PayrollMonthView | null>(null);
  const [township, setTownship] = useState('');
  const [tab, setTab] = useState<'lines' | 'board'>('lines');
  const [message, setMessage] = useState<{ kind: 'info' | 'error' | 'warning'; text: string } | null>(null);
  const [asking, setAsking] = useState<PayrollAction | null>(null);
  const [confirmingApproval, setConfirmingApproval] = useState(false);
  const [adjusting, setAdjusting] = useState<PayrollLineView | null>(null);
  const [selected, setSelected] = useState<PayrollLineView | null>(null);
  const [grouping, setGrouping] = useState<Grouping>('township');
  const gridApi = useRef<GridApi<GridRow> | null>(null);
  const lastFocusedRow = useRef(0);
  // Only the answer to the latest request is shown: typing fast never lets an older answer win.
  const requestSeq = useRef(0);
  const role = info.user.role;
  const sessionUser = useSessionUser();

  // Start on the first month a township still has open (the one being worked on).
  useEffect(() => {
    const year = Number((months[months.length - 1] ?? '2022-01').slice(0, 4));
    call('payroll.board', { year }).then((board) => {
      const open = board.months.find((m, i) => board.townships.some((t) => t.statuses[i] !== '已审核'));
      setMonth(open ?? board.months[board.months.length - 1] ?? months[0] ?? null);
    }).catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, [months]);

  const apply = useCallback(async (request: () => Promise<PayrollMonthView>, done?: string) => {
    const seq = ++requestSeq.current;
    try {
      const next = await request();
      if (seq === requestSeq.current) setView(next);
      if (done) setMessage({ kind: 'info', text: done });
      return true;
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
      if (seq === requestSeq.current && month) setView(await call('payroll.month', { month }).catch(() => view));
      return false;
    }
  }, [month, view]);

  useEffect(() => {
    if (!month) return;
    setView(null);
    setSelected(null);
    clipboard.clearNotes();
    void apply(() => call('payroll.month', { month }));
  }, [month]);

  const rows = useMemo(() => (view ? gridRows(view, township, grouping) : null), [view, township, grouping]);
  const townshipState = view?.townships.find((t) => t.code === township) ?? null;
  // A clerk's whole view is their township(s): never call it 全县.
  const scopeLabel = sessionUser.townships ? `${view?.townships.map((t) => t.name).join('、') ?? ''}合计` : '全县合计';
  const whyLocked = useCallback((row: GridRow | undefined) => lockedReason(row?.line ?? null, view, mayEditPayroll(role)), [role, view]);
  const canEditLine = useCallback((row: GridRow | undefined) => whyLocked(row) === null, [whyLocked]);

  // A column pasted from Excel or WPS: every value through checkDays (as typed); the accepted ones saved in one call.
  const saveDays = useCallback(async (cells: AcceptedCell<GridRow>[]) => {
    if (!month) throw new Error('请先选择月份');
    // Each line's version as loaded: a change over another user's entry is refused (已被他人修改，请刷新).
    const entries = cells.map((c) => ({ placementId: c.node.data!.line!.placementId, attendedDays: c.value as number | null, version: c.node.data!.line!.attendanceVersion }));
    const seq = ++requestSeq.current;
    const next = await call('payroll.setAttendance', { month, entries });
    if (seq === requestSeq.current) setView(next);
    return [];
  }, [month]);
  const clipboard = useGridClipboard<GridRow>({
    api: gridApi,
    isPasteRow: useCallback((node: IRowNode<GridRow>) => node.data?.kind === 'line', []),
    paste: {
      whyLocked: (node, colId) => (colId === 'attendedDays' ? lockedReason(node.data?.line ?? null, view, mayEditPayroll(role)) : `“${gridApi.current?.getColumn(colId)?.getColDef().headerName ?? colId}”列不能录入，只有出勤天数可以粘贴`),
      check: (node, _colId, raw) => checkDays(raw, node.data!.line!),
      save: saveDays,
      rowLabel: (node) => node.data?.name ?? '',
      report: (kind: MessageKind, text: string) => setMessage({ kind, text }),
    },
  });

  // Typing goes through the same check as pasting; a refusal keeps the old value and says why.
  const setDays = useCallback((p: ValueSetterParams<GridRow>) => {
    const line = p.data.line;
    if (!line || lockedReason(line, view, mayEditPayroll(role))) return false;
    const checked = checkDays(p.newValue, line);
    if (!checked.ok) {
      clipboard.note(p.node, 'attendedDays', { kind: 'refused', text: checked.reason });
      setMessage({ kind: 'error', text: `${line.name}：${checked.reason}；未保存，仍为${p.oldValue ?? '空'}` });
      return false;
    }
    clipboard.note(p.node, 'attendedDays', checked.warning ? { kind: 'warning', text: checked.warning } : null);
    if (checked.warning) setMessage({ kind: 'warning', text: `${line.name}：${checked.warning}` });
    if (checked.value === p.oldValue) return false;
    p.data.attendedDays = checked.value as number | null;
    return true;
  }, [view, role, clipboard.note]);

  // Money and days first, where the clerk works; ID and card (masked) after the explanation.
  const columns = useMemo<ColDef<GridRow>[]>(() => [
    { field: 'townshipName', headerName: '乡镇', width: 96, pinned: 'left' },
    { field: 'villageName', headerName: '村', width: 110, pinned: 'left' },
    { field: 'name', headerName: '姓名', width: 76, pinned: 'left' },
    { field: 'requiredDays', headerName: '应出勤', width: 72, type: 'rightAligned' },
    {
      field: 'attendedDays', headerName: '出勤天数', width: 88, type: 'rightAligned',
      // A text editor, not AG Grid's number editor: that one drops 40 silently; this check says why.
      editable: (p) => canEditLine(p.data), cellEditor: 'agTextCellEditor', valueSetter: setDays,
      cellClass: (p) => (canEditLine(p.data) ? 'cell-editable' : ''),
      tooltipValueGetter: (p) => (p.data ? clipboard.noteOf(p.node, 'attendedDays')?.text ?? (p.data.kind === 'line' ? whyLocked(p.data) : null) : null),
    },
    { field: 'payableFen', headerName: '应发', width: 96, type: 'rightAligned', valueFormatter: money },
    { field: 'deductionFen', headerName: '扣减', width: 88, type: 'rightAligned', valueFormatter: money },
    { field: 'adjustmentFen', headerName: '补发/扣回', width: 92, type: 'rightAligned', valueFormatter: money },
    { field: 'netFen', headerName: '实发', width: 100, type: 'rightAligned', valueFormatter: money, cellClass: 'cell-net' },
    // Where the money stands with the bank, beside the 实发 it is about (代发批次与回盘).
    { field: 'payment', headerName: '发放状态', width: 150, tooltipField: 'payment', cellClass: (p) => (p.data?.line?.payment.state === '发放失败' ? 'payment-failed' : '') },
    { field: 'note', headerName: '说明', width: 190, tooltipField: 'note' },
    { field: 'idMasked', headerName: '身份证号', width: 170 },
    { field: 'cardMasked', headerName: '卡号', width: 180 },
  ], [canEditLine, setDays, whyLocked, clipboard.noteOf]);

  async function onCellValueChanged(e: CellValueChangedEvent<GridRow>) {
    const line = e.data.line;
    if (!line || !month || e.oldValue === e.newValue) return;
    // The line's version as loaded: a change over another user's entry is refused (已被他人修改，请刷新).
    await apply(() => call('payroll.setAttendance', { month, entries: [{ placementId: line.placementId, attendedDays: e.newValue as number | null, version: line.attendanceVersion }] }));
  }


  // Keyboard-first: arrows and Enter step over subtotal rows, so a clerk types 22 ⏎ 22 ⏎ … down the list.
  const navigateToNextCell = useCallback((p: NavigateToNextCellParams<GridRow>) => {
    const next = p.nextCellPosition;
    const api = gridApi.current;
    if (!next || !api) return next;
    let index = next.rowIndex;
    const step = index >= p.previousCellPosition.rowIndex ? 1 : -1;
    while (api.getDisplayedRowAtIndex(index)?.data?.kind !== 'line' && index + step >= 0 && index + step < api.getDisplayedRowCount()) index += step;
    return { ...next, rowIndex: index };
  }, []);
  const onCellFocused = useCallback((e: CellFocusedEvent<GridRow>) => {
    const api = gridApi.current;
    if (!api || e.rowIndex === null || e.rowIndex === undefined || typeof e.column !== 'object' || !e.column) return;
    const step = e.rowIndex >= lastFocusedRow.current ? 1 : -1;
    lastFocusedRow.current = e.rowIndex;
    const row = api.getDisplayedRowAtIndex(e.rowIndex)?.data;
    // The focused line is the one 补发/扣回 applies to: no mouse needed.
    if (row?.kind === 'line') { setSelected(row.line); return; }
    const target = e.rowIndex + step;
    if (target >= 0 && target < api.getDisplayedRowCount()) api.setFocusedCell(target, e.column);
  }, []);

  async function transition(action: PayrollAction, reason?: string) {
    if (!month || !township) return;
    const label = PAYROLL_TRANSITIONS[action].label;
    const done = await apply(() => call('payroll.transition', { month, townshipCode: township, action, reason }), `${townshipState?.name ?? ''}${monthLabel(month)}：已${label}`);
    if (done) setAsking(null);
  }

  async function exportFile(kind: 'R2' | 'R4' | 'bank') {
    if (!month) return;
    try {
      const file = await call('payroll.export', { month, kind });
      downloadBase64(file.fileName, file.base64);
      setMessage({ kind: 'info', text: `已导出 ${file.fileName}（${file.rows} 行）` });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  const anomalyGroups = useMemo(() => {
    const groups = new Map<string, PayrollMonthView['anomalies']>();
    for (const a of view?.anomalies ?? []) {
      if (township && a.townshipCode !== township) continue;
      groups.set(a.code, [...(groups.get(a.code) ?? []), a]);
    }
    return [...groups];
  }, [view, township]);

  function showPlacement(placementId: number) {
    const node = gridApi.current?.getRowNode(`p-${placementId}`);
    if (!node || node.rowIndex === null) return;
    gridApi.current!.ensureIndexVisible(node.rowIndex, 'middle');
    gridApi.current!.setFocusedCell(node.rowIndex, 'attendedDays');
  }

  const actions = (Object.keys(PAYROLL_TRANSITIONS) as PayrollAction[]).filter((a) =>
    townshipState && PAYROLL_TRANSITIONS[a].from === townshipState.status && PAYROLL_TRANSITIONS[a].roles.includes(role));
  const shownTotals = township ? townshipState?.totals : view?.totals;

  return (
    <section className="payroll-page">
      <div className="toolbar">
        <h1>考勤发放</h1>
        <label>月份 <select value={month ?? ''} onChange={(e) => setMonth(e.target.value)} data-testid="payroll-month">
          {months.map((m) => <option key={m} value={m}>{monthLabel(m)}</option>)}
        </select></label>
        <label>乡镇 <select value={township} onChange={(e) => setTownship(e.target.value)} data-testid="payroll-township">
          <option value="">全部乡镇</option>
          {view?.townships.map((t) => <option key={t.code} value={t.code}>{t.name}（{t.status}）</option>)}
        </select></label>
        <label title="小计按乡镇（默认）或按村">小计 <select value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)} data-testid="payroll-grouping">
          <option value="township">按乡镇</option><option value="village">按村</option>
        </select></label>
        <span className="payroll-tabs">
          <button className={tab === 'lines' ? '' : 'secondary'} onClick={() => setTab('lines')} data-testid="tab-lines">发放明细</button>
          <button className={tab === 'board' ? '' : 'secondary'} onClick={() => setTab('board')} data-testid="tab-board">锁定情况</button>
        </span>
        <span className="spacer" />
        <span className="toolbar-group">
        <button className="secondary" disabled={!selected || !mayEditPayroll(role)} onClick={() => setAdjusting(selected)} data-testid="payroll-adjust" title={selected ? `为${selected.name}登记对已锁定月份的更正，记在本月` : '先在表格中选中一人'}>补发/扣回</button>
        <button className="secondary" disabled={!view} onClick={() => exportFile('R4')} data-testid="payroll-export-r4" title="导出发放明细表（R4）">R4明细表</button>
        <button className="secondary" disabled={!view} onClick={() => exportFile('bank')} data-testid="payroll-export-bank" title="导出银行代发清单">银行代发清单</button>
        <button className="secondary" disabled={!view} onClick={() => exportFile('R2')} data-testid="payroll-export-r2" title="导出R2月报表">R2月报表</button>
        </span>
      </div>

      {tab === 'board' && <LockBoard year={Number((month ?? '2022').slice(0, 4))} onPick={(m, t) => { setMonth(m); setTownship(t); setTab('lines'); }} />}

      {tab === 'lines' && <>
        <div className="status-bar" data-testid="payroll-status">
          {townshipState ? <>
            <span>{townshipState.name} {month && monthLabel(month)}：<b data-testid="township-status">{townshipState.status}</b></span>
            {townshipState.submittedBy && <span className="muted" data-latin-ok>提交：{townshipState.submittedBy}</span>}
            {townshipState.approvedBy && townshipState.status === '已审核' && <span className="muted" data-latin-ok>审核：{townshipState.approvedBy}</span>}
            {townshipState.returnedReason && townshipState.status === '未提交' && <span className="warning-text">{townshipState.returnedReason}</span>}
            {actions.map((a) => (
              <button key={a} onClick={() => {
                if (PAYROLL_TRANSITIONS[a].needsReason) setAsking(a);
                // Approval locks real money: always confirmed, with what is being locked.
                else if (a === 'approve') setConfirmingApproval(true);
                else void transition(a);
              }} data-testid={`payroll-${a}`}>{PAYROLL_TRANSITIONS[a].label}</button>
            ))}
          </> : <span className="muted">选择一个乡镇后可提交、审核、退回或重新打开该乡镇本月的发放。</span>}
        </div>
        {message && <div className={`banner ${message.kind}`} role="status" data-testid="payroll-message">{message.text}</div>}
        <div className="payroll-body">
          <div className="grid" data-testid="payroll-grid" {...clipboard.containerProps}>
            <AgGridReact<GridRow>
              theme={theme}
              localeText={AG_GRID_LOCALE_CN}
              rowData={rows}
              columnDefs={columns}
              defaultColDef={{ sortable: false, resizable: true, suppressMovable: true, ...clipboard.colDefProps }}
              tooltipShowDelay={300}
              getRowId={(p) => p.data.rowId}
              getRowClass={(p: RowClassParams<GridRow>) => (p.data?.kind === 'line' ? (p.data.line?.locked ? 'row-locked' : undefined) : `row-${p.data?.kind}`)}
              enterNavigatesVertically
              enterNavigatesVerticallyAfterEdit
              stopEditingWhenCellsLoseFocus
              navigateToNextCell={navigateToNextCell}
              onCellFocused={onCellFocused}
              onCellValueChanged={onCellValueChanged}
              onGridReady={(e) => { gridApi.current = e.api; }}
              animateRows={false}
              suppressColumnVirtualisation
              overlayNoRowsTemplate="本月没有在岗人员：先在“上岗安置”中安排人员上岗，本月的发放名单会自动列出"
            />
          </div>
          <aside className="anomalies" data-testid="payroll-anomalies">
            <h2>异常提示 <span className="count">{anomalyGroups.reduce((n, [, list]) => n + list.length, 0)}</span></h2>
            {anomalyGroups.length === 0 && <p className="muted">没有异常。</p>}
            {anomalyGroups.map(([code, list]) => (
              <details key={code} open={list.length <= 5}>
                <summary>{PAYROLL_ANOMALY_TITLES[code as PayrollAnomalyCode] ?? code}（{list.length}）</summary>
                <ul>{list.slice(0, 200).map((a, i) => <li key={i}><button className="link" onClick={() => showPlacement(a.placementId)}>{a.message}</button></li>)}</ul>
                {list.length > 200 && <p className="muted">另有 {list.length - 200} 条</p>}
              </details>
            ))}
            {view && view.adjustments.length > 0 && <>
              <h2>本月补发/扣回</h2>
              <ul data-testid="payroll-adjustments">{view.adjustments.filter((a) => !township || view.lines.some((l) => l.placementId === a.placementId && l.townshipCode === township)).map((a) => (
                <li key={a.id}>{a.name} {formatYuan(a.amountFen)} 元，更正{monthLabel(a.correctsMonth)}（{a.reason}）</li>
              ))}</ul>
            </>}
          </aside>
        </div>
        <div className="totals-bar" data-testid="payroll-totals">
          {shownTotals && view ? <>
            <span>{township ? `${townshipState?.name}合计` : scopeLabel}：{count(shownTotals.lines)} 人</span>
            <span>应发 {formatYuan(shownTotals.payableFen)}</span>
            <span>扣减 {formatYuan(shownTotals.deductionFen)}</span>
            <span>补发/扣回 {formatYuan(shownTotals.adjustmentFen)}</span>
            <span>实发 <b data-testid="total-net">{formatYuan(shownTotals.netFen)}</b> 元</span>
            {!township && <span>大写：<b data-testid="total-words">{view.totalInWords}</b></span>}
          </> : <span className="muted">加载中…</span>}
        </div>
        <p className="muted hint">在“出勤天数”列直接输入数字，回车保存并跳到下一人。月中上岗或退岗的人员，应发和应出勤天数按在岗日历天数折算（各自四舍五入到分、到天）；出勤不足时实发＝应发×出勤天数÷应出勤天数，按表上印出的应发计算，可以手工核对。也可从Excel或WPS复制一列数字，选中第一人的出勤天数格后按Ctrl+V粘贴（Shift+单击或Shift+方向键选中一块，Ctrl+C复制；一个值粘贴到选中的一块时填满整块）。没有考勤的人员列出但不发放；退岗以后月份录入的考勤不发放，并列为异常。</p>
      </>}

      {confirmingApproval && townshipState && month && (
        <Dialog label="确认审核通过" size="narrow" testId="approve-confirm" onClose={() => setConfirmingApproval(false)}>
          <h2>审核通过：{townshipState.name} {monthLabel(month)}</h2>
          <p>发放 <b data-testid="approve-people">{count(townshipState.totals.lines)}</b> 人，实发合计 <b data-testid="approve-amount">{formatYuan(townshipState.totals.netFen)}</b> 元。</p>
          {townshipState.anomalies > 0
            ? <p className="warning-text">本月还有 <b>{count(townshipState.anomalies)}</b> 条异常提示（见右侧），请确认已核对。</p>
            : <p>本月没有异常提示。</p>}
          <p>审核通过后本乡镇本月的发放明细锁定，不能再修改，更正只能在以后月份补发或扣回；<b>只有管理员可以重新打开</b>。</p>
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={() => setConfirmingApproval(false)}>返回核对</button>
            <button type="button" onClick={async () => { setConfirmingApproval(false); await transition('approve'); }} data-testid="approve-confirm-ok">{townshipState.anomalies > 0 ? '仍然审核通过' : '确认审核通过'}</button>
          </div>
        </Dialog>
      )}
      {asking && <ReasonDialog title={`${PAYROLL_TRANSITIONS[asking].label}：${townshipState?.name ?? ''}${month ? monthLabel(month) : ''}`} note={REASON_NOTES[asking]} onCancel={() => setAsking(null)} onConfirm={(reason) => transition(asking, reason)} />}
      {adjusting && month && <AdjustmentDialog line={adjusting} month={month} onCancel={() => setAdjusting(null)} onSave={async (input) => {
        const done = await apply(() => call('payroll.addAdjustment', { month, placementId: adjusting.placementId, ...input }), `已登记${input.kind}：${adjusting.name}`);
        if (done) setAdjusting(null);
      }} />}
    </section>
  );
}

