// 就业台账: one row per labourer of the chosen year, edited in the grid (the engine validates every change),
// filters by township, form and status, the year's target with its live completion rate, township
// targets, and the list of cross-record checks.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { themeQuartz, type CellValueChangedEvent, type ColDef, type GridApi, type IRowNode, type ValueSetterParams } from 'ag-grid-community';
import { gridLocale } from '../grid-theme';
import type { ChannelOutput } from '../../../shared/contract/schemas';
import type { LedgerRowView, TargetsView } from '../../../shared/contract/employment';
import { EMPLOYMENT_FORMS, EMPLOYMENT_STATUSES, NOT_EMPLOYED_REASONS, formatRate } from '../../../shared/domain/employment';
import { formatYuan } from '../../../shared/domain/money';
import { parseLedgerCell, statusChoice } from '../../../shared/domain/ledger-cells';
import { ApiFailure, call } from '../api';
import type { AppInfo } from '../App';
import { useMayCall, useSessionUser } from '../session';
import { whatToDo } from '../../../shared/domain/guidance';
import { count } from '../format';
import { useFilterSettled } from '../filter-settled';
import { useGridClipboard, type AcceptedCell, type RefusedCell } from '../grid-clipboard';

const theme = themeQuartz.withParams({ fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', 'sans-serif'], fontSize: 13, headerFontSize: 13, spacing: 5 });

type Ledger = ChannelOutput<'employment.ledger'>;
type Row = LedgerRowView & { searchText: string };

/** The years a ledger can be kept for: those with a year policy, the latest with a target first by default. */
export function ledgerYears(info: AppInfo): { years: number[]; initial: number } {
  const years = info.policies.map((p) => p.year).sort((a, b) => b - a);
  const withTarget = info.policies.filter((p) => p.employmentTarget !== null).map((p) => p.year).sort((a, b) => b - a);
  return { years: years.length ? years : [new Date().getFullYear()], initial: withTarget[0] ?? years[0] ?? new Date().getFullYear() };
}

function withSearch(row: LedgerRowView): Row {
  return { ...row, searchText: [row.name, row.nameInitials, row.idNumber, row.townshipName, row.villageName, row.employer ?? ''].join(' ').toLowerCase() };
}

/** The record the engine gets back from an edited row: what the clerk sees, with money back in fen.
 * Choosing a form means the person works; leaving work clears the form. */
function recordOf(row: LedgerRowView, edited: ReadonlySet<string>) {
  const record = {
    status: row.status, form: row.form, destinationProvince: row.destinationProvince, destinationCity: row.destinationCity,
    employer: row.employer, startMonth: row.startMonth, monthsWorked: row.monthsWorked, avgIncomeFen: row.avgIncomeFen,
    wantsWork: row.wantsWork, reasonNotEmployed: row.reasonNotEmployed,
  };
  if (edited.has('form') && record.form) record.status = '已就业';
  if (edited.has('status') && record.status !== '已就业') record.form = null;
  return record;
}

/** The columns a clerk edits, and those a post holder's row keeps (the post decides them). */
const EDITABLE_FIELDS = new Set(['status', 'form', 'destinationProvince', 'destinationCity', 'employer', 'startMonth', 'monthsWorked', 'avgIncomeFen', 'wantsWork', 'reasonNotEmployed']);
const POST_FIELDS = new Set(['status', 'form', 'startMonth', 'monthsWorked']);

/** Puts a checked cell value into a row (a copy being edited); false when nothing changes. */
function applyCell(row: Row, field: string, value: unknown): boolean {
  if (field === 'status') {
    const { status, form } = statusChoice(String(value));
    if (status === row.status && (form === null || form === row.form)) return false;
    row.status = status as Row['status'];
    row.form = (form ?? (status === '已就业' ? row.form : null)) as Row['form'];
    return true;
  }
  const key = field as keyof Row;
  if (row[key] === value) return false;
  (row as unknown as Record<string, unknown>)[field] = value;
  return true;
}

/** The engine's refusal of a row, in words: its field messages, or its message. */
function refusalText(e: unknown): string {
  const fields = e instanceof ApiFailure ? (e.details as { fields?: Record<string, { message: string }> } | undefined)?.fields : undefined;
  return fields ? Object.values(fields).map((f) => f.message).join('；') : (e as Error).message;
}

/** 已就业 3,946 / 目标 4,019，完成率 101.85% — the dashboard figure, live. */
export function TargetFigure({ targets }: { targets: TargetsView }) {
  const met = targets.completionRate !== null && targets.completionRate >= 10000;
  return (
    <div className={`target-figure ${met ? 'met' : ''}`} data-testid="employment-target-figure">
      <span>已就业 <b data-testid="employed-count">{targets.employed.toLocaleString('zh-CN')}</b> 人</span>
      <span>／ 目标任务 <b>{targets.countyTarget?.toLocaleString('zh-CN') ?? '未设置'}</b>{targets.countyTarget !== null && ' 人'}</span>
      <span>完成率 <b data-testid="completion-rate">{formatRate(targets.completionRate)}</b></span>
      <span className="muted">脱贫劳动力 {targets.labourers.toLocaleString('zh-CN')} 人</span>
    </div>
  );
}

function TargetsPanel({ targets, year, onSaved }: { targets: TargetsView; year: number; onSaved(t: TargetsView): void }) {
  const mayEdit = useMayCall('employment.saveTargets');
  // A clerk's total is their township(s), never 全县.
  const scopeLabel = useSessionUser().townships ? `${targets.townships.map((t) => t.name).join('、')}合计` : '全县';
  const [county, setCounty] = useState(String(targets.countyTarget ?? ''));
  const [townships, setTownships] = useState<Record<string, string>>(() => Object.fromEntries(targets.townships.map((t) => [t.code, String(t.target ?? '')])));
  const [error, setError] = useState<string | null>(null);
  const toNumber = (text: string) => (text.trim() === '' ? null : Number(text));
  async function save() {
    try {
      const saved = await call('employment.saveTargets', {
        year, countyTarget: toNumber(county), townships: Object.entries(townships).map(([code, value]) => ({ code, target: toNumber(value) })),
      });
      setError(null);
      onSaved(saved);
    } catch (e) { setError((e as Error).message); }
  }
  return (
    <section className="targets-panel" data-testid="targets-panel">
      <h2>{year}年目标任务</h2>
      {targets.warnings.map((w) => <div key={w.code} className="banner warning">{w.message}</div>)}
      {error && <div className="banner error">{error}</div>}
      <table className="plain-table">
        <thead><tr><th>乡镇</th><th>脱贫劳动力</th><th>已就业</th><th>目标任务</th><th>完成率</th></tr></thead>
        <tbody>
          {targets.townships.map((t) => (
            <tr key={t.code}>
              <td>{t.name}</td><td className="num">{t.labourers.toLocaleString('zh-CN')}</td><td className="num">{t.employed.toLocaleString('zh-CN')}</td>
              <td className="num">{mayEdit
                ? <input className="narrow" inputMode="numeric" value={townships[t.code] ?? ''} onChange={(e) => setTownships({ ...townships, [t.code]: e.target.value })} aria-label={`${t.name}目标任务`} />
                : t.target?.toLocaleString('zh-CN') ?? '—'}</td>
              <td className="num">{formatRate(t.completionRate)}</td>
            </tr>
          ))}
          <tr className="total">
            <td data-testid="targets-scope">{scopeLabel}</td><td className="num">{targets.labourers.toLocaleString('zh-CN')}</td><td className="num">{targets.employed.toLocaleString('zh-CN')}</td>
            <td className="num">{mayEdit ? <input className="narrow" inputMode="numeric" value={county} onChange={(e) => setCounty(e.target.value)} aria-label="全县目标任务" data-testid="county-target" /> : targets.countyTarget?.toLocaleString('zh-CN') ?? '—'}</td>
            <td className="num">{formatRate(targets.completionRate)}</td>
          </tr>
        </tbody>
      </table>
      {mayEdit && <div className="dialog-actions"><button onClick={save} data-testid="targets-save">保存目标任务</button></div>}
    </section>
  );
}

/** 就业状态's choices: each employed form as its own choice, so the form is picked in the same step. */
const STATUS_CHOICES = [...EMPLOYMENT_FORMS.filter((f) => f !== '公益岗位').map((f) => `已就业：${f}`), ...EMPLOYMENT_STATUSES.filter((s) => s !== '已就业')];

/** 省外务工 without its province or city: flagged where it is typed. */
function awayPlaceMissing(row: Row | undefined, field: 'destinationProvince' | 'destinationCity'): boolean {
  return row?.status === '已就业' && row.form === '省外务工' && !row[field]?.trim();
}

/** Short Chinese headings of the cross-record checks, for the count line. */
const CHECK_TITLES: Record<string, string> = {
  EMP_POST_AND_AWAY: '上岗期间又在县外务工', EMP_MONTHS_BEYOND_YEAR: '务工月数超出本年度', EMP_INCOME_NOT_EMPLOYED: '未就业却有收入',
  EMP_NO_RECENT_SERVICE: '想就业但近60天无服务',
};

function ChecksPanel({ year }: { year: number }) {
  const [checks, setChecks] = useState<ChannelOutput<'employment.checks'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { call('employment.checks', { year }).then(setChecks).catch((e: Error) => setError(e.message)); }, [year]);
  if (error) return <div className="banner error">{error}</div>;
  if (!checks) return <p className="muted">正在核查…</p>;
  const byCode = new Map<string, number>();
  for (const item of checks.items) byCode.set(item.code, (byCode.get(item.code) ?? 0) + 1);
  return (
    <section className="checks-panel" data-testid="checks-panel">
      <h2>数据核查（截至{checks.checkDate}）：共 {checks.items.length.toLocaleString('zh-CN')} 条</h2>
      <p className="muted">{[...byCode].map(([code, n]) => `${CHECK_TITLES[code] ?? code} ${count(n)} 条`).join('；') || '没有发现问题。'}</p>
      <div className="scroll-list">
        <table className="plain-table">
          <thead><tr><th>说明</th><th>姓名</th><th>乡镇、村</th><th>怎么办</th><th>代码</th></tr></thead>
          <tbody>
            {checks.items.slice(0, 500).map((item, i) => (
              <tr key={`${item.personId}-${item.code}-${i}`} data-testid="check-item">
                <td>{item.message}</td><td className="nowrap">{item.name}</td><td>{item.townshipName}{item.villageName}</td>
                <td>{whatToDo(item.code)}</td><td><span className="issue-code">{item.code}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
        {checks.items.length > 500 && <p className="muted">仅显示前500条。</p>}
      </div>
    </section>
  );
}

export function EmploymentPage({ info }: { info: AppInfo }) {
  const { years, initial } = useMemo(() => ledgerYears(info), [info]);
  const [year, setYear] = useState(initial);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [township, setTownship] = useState('');
  const [form, setForm] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [panel, setPanel] = useState<'none' | 'targets' | 'checks'>('none');
  const [shown, setShown] = useState(0);
  const [message, setMessage] = useState<{ kind: 'info' | 'error' | 'warning'; text: string } | null>(null);
  const gridApi = useRef<GridApi<Row> | null>(null);
  const mayEdit = useMayCall('employment.save');

  const load = useCallback(() => {
    setRows(null);
    call('employment.ledger', { year }).then((l) => { setLedger(l); setRows(l.rows.map(withSearch)); }).catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, [year]);
  useEffect(load, [load]);

  const townshipNames = useMemo(() => [...new Map((rows ?? []).map((r) => [r.townshipCode, r.townshipName])).entries()], [rows]);
  const editableUnlessPost = (p: { data?: Row }) => mayEdit && p.data?.source !== 'post';
  const whyLocked = useCallback((node: IRowNode<Row>, colId: string): string | null => {
    const header = gridApi.current?.getColumn(colId)?.getColDef().headerName ?? colId;
    if (!EDITABLE_FIELDS.has(colId)) return `“${header}”列不能修改`;
    if (!mayEdit) return '只能查看：就业台账由录入员或管理员修改';
    if (node.data?.source === 'post' && POST_FIELDS.has(colId)) return `在公益岗位上岗（${node.data.postMonths}），自动计为公益岗位就业，“${header}”不能修改`;
    return null;
  }, [mayEdit]);

  const saveRow = useCallback(async (node: IRowNode<Row>, row: Row, edited: ReadonlySet<string>) => {
    // The record's version as loaded: a save over another user's change is refused (已被他人修改，请刷新).
    const saved = await call('employment.save', { year, personId: row.personId, version: row.recordVersion, record: recordOf(row, edited) });
    node.setData(withSearch(saved.row));
    // Marks that depend on other fields (省外务工 without its place) are redrawn with the row.
    gridApi.current?.refreshCells({ rowNodes: [node], force: true });
    return Object.values(saved.warnings).map((w) => w.message);
  }, [year]);
  const refreshTargets = useCallback(() => {
    call('employment.targets', { year }).then((targets) => setLedger((l) => (l ? { ...l, targets } : l))).catch(() => undefined);
  }, [year]);

  // A block pasted from Excel or WPS: each cell read as if typed, then each touched row saved once.
  const savePasted = useCallback(async (cells: AcceptedCell<Row>[]) => {
    const byRow = new Map<IRowNode<Row>, AcceptedCell<Row>[]>();
    for (const c of cells) byRow.set(c.node, [...(byRow.get(c.node) ?? []), c]);
    const refused: RefusedCell<Row>[] = [];
    for (const [node, rowCells] of byRow) {
      const draft = { ...node.data! };
      const edited = new Set(rowCells.filter((c) => applyCell(draft, c.colId, c.value)).map((c) => c.colId));
      if (edited.size === 0) continue;
      try { await saveRow(node, draft, edited); } catch (e) { refused.push(...rowCells.map((c) => ({ ...c, reason: refusalText(e) }))); }
    }
    refreshTargets();
    return refused;
  }, [saveRow, refreshTargets]);
  const clipboard = useGridClipboard<Row>({
    api: gridApi,
    paste: {
      whyLocked,
      check: (_node, colId, raw) => parseLedgerCell(colId, raw),
      save: savePasted,
      rowLabel: (node) => node.data?.name ?? '',
      report: (kind, text) => setMessage({ kind, text }),
    },
  });

  // Typing goes through the same reading as pasting: a refusal keeps the old value, marks the cell, says why.
  const setTyped = useCallback((p: ValueSetterParams<Row>) => {
    const field = p.colDef.field!;
    const read = parseLedgerCell(field, p.newValue);
    if (!read.ok) {
      clipboard.note(p.node, field, { kind: 'refused', text: read.reason });
      setMessage({ kind: 'error', text: `${p.data.name}：${read.reason}；未保存` });
      return false;
    }
    clipboard.note(p.node, field, null);
    return applyCell(p.data, field, read.value);
  }, [clipboard.note]);

  const columns = useMemo<ColDef<Row>[]>(() => [
    { field: 'name', headerName: '姓名', pinned: 'left', width: 90 },
    { field: 'idNumber', headerName: '身份证号', pinned: 'left', width: 180 },
    { field: 'townshipName', headerName: '乡镇', width: 100 },
    { field: 'villageName', headerName: '村', width: 110 },
    { field: 'age', headerName: '年龄', width: 70 },
    { field: 'labourAbility', headerName: '劳动能力', width: 150 },
    {
      // 已就业 is picked together with its form (已就业：县内务工), in one step: 已就业 alone would be refused.
      field: 'status', headerName: '就业状态', width: 100, editable: editableUnlessPost, cellEditor: 'agSelectCellEditor', cellEditorParams: { values: STATUS_CHOICES },
      valueSetter: setTyped,
      cellClass: (p) => (p.value === '已就业' ? 'cell-good' : p.value === '未就业' ? 'cell-warn' : ''),
    },
    {
      field: 'form', headerName: '就业形式', width: 120, editable: editableUnlessPost, cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['', ...EMPLOYMENT_FORMS] },
      valueSetter: setTyped,
      tooltipValueGetter: (p) => (p.data?.source === 'post' ? `在公益岗位上岗（${p.data.postMonths}），自动计为公益岗位就业` : undefined),
    },
    { field: 'destinationProvince', headerName: '务工省份', width: 100, editable: mayEdit, valueSetter: setTyped, cellClass: (p) => (awayPlaceMissing(p.data, 'destinationProvince') ? 'cell-note-warning' : '') },
    { field: 'destinationCity', headerName: '务工市县', width: 100, editable: mayEdit, valueSetter: setTyped, cellClass: (p) => (awayPlaceMissing(p.data, 'destinationCity') ? 'cell-note-warning' : '') },
    { field: 'employer', headerName: '就业单位', width: 160, editable: mayEdit, valueSetter: setTyped },
    { field: 'startMonth', headerName: '开始月份', width: 100, editable: editableUnlessPost, valueSetter: setTyped },
    { field: 'monthsWorked', headerName: '务工月数', width: 90, editable: editableUnlessPost, valueSetter: setTyped },
    {
      field: 'avgIncomeFen', headerName: '月均收入（元）', width: 120, editable: mayEdit, type: 'rightAligned',
      valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : formatYuan(p.value as number)),
      // The editor opens on the amount in yuan as shown (3,500.00), not on the stored fen.
      cellEditorParams: { useFormatter: true }, valueSetter: setTyped,
    },
    {
      field: 'wantsWork', headerName: '就业意愿', width: 90, editable: mayEdit, cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['', '是', '否'] },
      valueFormatter: (p) => (p.value === true ? '是' : p.value === false ? '否' : ''), valueSetter: setTyped,
    },
    { field: 'reasonNotEmployed', headerName: '未就业原因', width: 120, editable: mayEdit, cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['', ...NOT_EMPLOYED_REASONS] }, valueSetter: setTyped },
    {
      colId: 'service', headerName: '“131”服务', width: 130, valueGetter: (p) => (p.data?.serviceTarget ? p.data.progress.label : ''),
      cellClass: (p) => (p.data?.serviceTarget ? (p.data.progress.complete ? 'cell-good' : 'cell-warn') : ''),
      tooltipValueGetter: (p) => (p.data?.serviceTarget ? (p.data.progress.missing.join('，') || '已全部到位') : undefined),
    },
    {
      colId: 'checks', headerName: '核查提示', width: 220, valueGetter: (p) => p.data?.checks.map((c) => c.message).join('；') ?? '',
      cellClass: (p) => (p.data?.checks.length ? 'cell-bad' : ''), tooltipValueGetter: (p) => p.data?.checks.map((c) => `${c.code}：${c.message}`).join('\n'),
    },
    { field: 'otherWork', headerName: '其他就业情况', width: 160 },
  ], [mayEdit, setTyped]);

  const onCellValueChanged = useCallback(async (event: CellValueChangedEvent<Row>) => {
    const row = event.data;
    if (!row || event.oldValue === event.newValue) return;
    try {
      const warnings = await saveRow(event.node, row, new Set([event.colDef.field!]));
      setMessage(warnings.length ? { kind: 'warning', text: `已保存 ${row.name}，请核实：${warnings.join('；')}` } : { kind: 'info', text: `已保存：${row.name}` });
      refreshTargets();
    } catch (e) {
      setMessage({ kind: 'error', text: `${row.name}：${refusalText(e)}` });
      const field = event.colDef.field as keyof Row;
      event.node.setData({ ...row, [field]: event.oldValue });
    }
  }, [saveRow, refreshTargets]);

  const filterActive = township !== '' || form !== '' || status !== '' || search.trim() !== '';
  const passes = useCallback((node: IRowNode<Row>) => {
    const r = node.data;
    if (!r) return false;
    if (township && r.townshipCode !== township) return false;
    if (form && (form === '（无）' ? r.form !== null : r.form !== form)) return false;
    if (status && r.status !== status) return false;
    const q = search.trim().toLowerCase();
    return !q || r.searchText.includes(q);
  }, [township, form, status, search]);
  useEffect(() => { gridApi.current?.onFilterChanged(); }, [passes]);
  const filter = useFilterSettled(JSON.stringify([township, form, status, search]));

  return (
    <section className="people-page employment-page">
      <div className="toolbar">
        <h1>就业台账</h1>
        <label>年度 <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="employment-year">{years.map((y) => <option key={y} value={y}>{y}年</option>)}</select></label>
        {ledger && <TargetFigure targets={ledger.targets} />}
        <span className="spacer" />
        <button className={panel === 'targets' ? '' : 'secondary'} onClick={() => setPanel(panel === 'targets' ? 'none' : 'targets')} data-testid="show-targets">目标任务</button>
        <button className={panel === 'checks' ? '' : 'secondary'} onClick={() => setPanel(panel === 'checks' ? 'none' : 'checks')} data-testid="show-checks">数据核查</button>
      </div>
      <div className="toolbar">
        <select value={township} onChange={(e) => setTownship(e.target.value)} data-testid="filter-township" aria-label="乡镇">
          <option value="">全部乡镇</option>{townshipNames.map(([code, name]) => <option key={code} value={code}>{name}</option>)}
        </select>
        <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="filter-status" aria-label="就业状态">
          <option value="">全部状态</option>{EMPLOYMENT_STATUSES.map((s) => <option key={s}>{s}</option>)}
        </select>
        <select value={form} onChange={(e) => setForm(e.target.value)} data-testid="filter-form" aria-label="就业形式">
          <option value="">全部形式</option>{EMPLOYMENT_FORMS.map((f) => <option key={f}>{f}</option>)}<option>（无）</option>
        </select>
        <input className="search" type="search" placeholder="姓名、身份证号、拼音首字母或单位" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="employment-search" aria-label="搜索" />
        <span className="count" data-testid="employment-count">{rows === null ? '加载中…' : `共 ${rows.length.toLocaleString('zh-CN')} 名劳动力，当前显示 ${shown.toLocaleString('zh-CN')} 人`}</span>
      </div>
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="employment-message">{message.text}</div>}
      {panel === 'targets' && ledger && <TargetsPanel key={`${year}-${ledger.targets.countyTarget}`} targets={ledger.targets} year={year} onSaved={(targets) => setLedger({ ...ledger, targets })} />}
      {panel === 'checks' && <ChecksPanel year={year} />}
      <div className="grid" data-testid="employment-grid" data-filter-settled={filter.settled} {...clipboard.containerProps}>
        <AgGridReact<Row>
          theme={theme}
          localeText={gridLocale('没有符合条件的劳动力：请换个关键词，或把乡镇、就业形式、状态选回“全部”')}
          rowData={rows}
          columnDefs={columns}
          defaultColDef={{ sortable: true, resizable: true, ...clipboard.colDefProps }}
          getRowId={(p) => String(p.data.personId)}
          isExternalFilterPresent={() => filterActive}
          doesExternalFilterPass={passes}
          singleClickEdit
          stopEditingWhenCellsLoseFocus
          animateRows={false}
          tooltipShowDelay={300}
          onGridReady={(e) => { gridApi.current = e.api; }}
          onModelUpdated={() => { setShown(gridApi.current?.getDisplayedRowCount() ?? 0); filter.onModelUpdated(); }}
          onCellValueChanged={onCellValueChanged}
          overlayNoRowsTemplate="本年度还没有脱贫劳动力：先在“人员台账”中登记人员（16至64周岁、有劳动能力），或在“数据导入”中导入就业台账"
        />
      </div>
      <p className="muted hint">
        脱贫劳动力：{year}年末16至64周岁、有劳动能力（普通、技能、弱劳动力或半劳动力）的脱贫人口，以及在公益岗位上岗的人员。
        在公益岗位上岗的人自动计为公益岗位就业，其状态和形式不能改为其他。{mayEdit ? '单击单元格即可修改，保存时自动校验。也可从Excel或WPS复制一列或一块，选中起始格后按Ctrl+V粘贴（Shift+单击或Shift+方向键选中一块，Ctrl+C复制）。' : '选中单元格后按Ctrl+C复制（Shift+单击或Shift+方向键选中一块）。'}
      </p>
    </section>
  );
}
