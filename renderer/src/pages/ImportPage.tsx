// 数据导入: a township's Excel file → sheet and column mapping → dry run (what would be created, updated,
// unchanged, rejected, with the reasons) → commit → error report; and 导入记录 with undo and 与上次对比.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { themeQuartz, type ColDef, type GridApi } from 'ag-grid-community';
import { useGridClipboard } from '../grid-clipboard';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { ChannelInput, ChannelOutput, ImportBatchView, ImportIssueView, ImportPreview, ImportSummary } from '../../../shared/contract/schemas';
import { call } from '../api';
import { downloadBase64 } from '../download';
import { useSessionUser } from '../session';
import { IMPORT_ACCESS, importKindsFor, mayCall } from '../../../shared/contract/access';
import { localDateTime } from '../../../shared/domain/dates';
import { whatToDo } from '../../../shared/domain/guidance';
import { guessImportKind, KIND_LABELS } from '../../../shared/domain/import-kind-guess';
import { MonthField } from '../components/DateField';

const theme = themeQuartz.withParams({ fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', 'sans-serif'], fontSize: 13, headerFontSize: 13, spacing: 5 });
const MAX_FILE_BYTES = 50 * 1024 * 1024;

type Opened = ChannelOutput<'import.open'>;
type Comparison = ChannelOutput<'import.compare'>;
type Mapping = Record<string, string | null>;
type Kind = ChannelInput<'import.open'>['kind'];

/** The four kinds of SPEC §4, and what a committed row counts as in the message. */
const KINDS: { value: Kind; label: string; unit: string }[] = [
  { value: 'people', label: '人员台账', unit: '人' },
  { value: 'employment', label: '就业台账', unit: '条' },
  { value: 'placements', label: '公益岗位安置', unit: '人' },
  { value: 'attendance', label: '月度考勤', unit: '条' },
  { value: 'bank-return', label: '银行回盘', unit: '笔' },
];
const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
interface IssueRow extends ImportIssueView { kind: '错误' | '提醒' }

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('读取文件失败'));
    reader.readAsDataURL(file);
  });
}


function Counts({ summary, testId }: { summary: ImportSummary; testId: string }) {
  const items: [string, number, string][] = [
    ['数据行', summary.rows, ''], ['新增', summary.created, 'good'], ['更新', summary.updated, 'good'],
    ['未变', summary.unchanged, ''], ['未通过', summary.rejected, summary.rejected ? 'bad' : ''], ['提醒', summary.warnings, summary.warnings ? 'warn' : ''],
  ];
  return (
    <div className="counts" data-testid={testId}>
      {items.map(([label, value, tone]) => (
        <div key={label} className={`count-card ${tone}`} data-testid={`${testId}-${label}`}><span className="count-value">{value.toLocaleString('zh-CN')}</span><span className="count-label">{label}</span></div>
      ))}
    </div>
  );
}

export function ImportPage() {
  // The issue list copies like a sheet (Ctrl+C), e.g. into a message to the township.
  const issuesApi = useRef<GridApi<IssueRow> | null>(null);
  const issuesClipboard = useGridClipboard<IssueRow>({ api: issuesApi });
  const [tab, setTab] = useState<'file' | 'history'>('file');
  // Only the kinds this role may import (IMPORT_ACCESS, the table the engine's registration enforces): a
  // township workbook for 录入员, a bank's return file for 审核员, both for administrators.
  const role = useSessionUser().role;
  const kinds = useMemo(() => importKindsFor(role), [role]);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [committed, setCommitted] = useState<ImportSummary | null>(null);
  const [mappingOpen, setMappingOpen] = useState(false);
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'people');
  // The file as picked: choosing another kind reads it again (the recommended sheet depends on the kind).
  const [file, setFile] = useState<File | null>(null);
  // 月度考勤 is for one month, which the file itself does not reliably say (the engine requires it).
  const [month, setMonth] = useState('');
  const monthNeeded = kind === 'attendance' && !isMonth(month);

  const options = useCallback(() => ({ token: opened!.token, kind, sheet: sheet ?? undefined, mapping, month: kind === 'attendance' ? month : undefined }), [opened, kind, sheet, mapping, month]);

  // The options the shown dry run (or its error) answers: when they equal the current ones and nothing is
  // running, the screen is settled (`data-settled`, what browser tests wait for).
  const optionsKey = opened && sheet ? JSON.stringify(options()) : null;
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  useEffect(() => {
    if (!opened || !sheet || monthNeeded) return;
    let cancelled = false;
    const key = JSON.stringify(options());
    setBusy('正在检查文件…');
    call('import.preview', options())
      .then((p) => { if (!cancelled) { setPreview(p); setMessage(null); } })
      .catch((e: Error) => { if (!cancelled) { setPreview(null); setMessage({ kind: 'error', text: e.message }); } })
      .finally(() => { if (!cancelled) { setBusy(null); setCheckedKey(key); } });
    return () => { cancelled = true; };
  }, [opened, sheet, monthNeeded, options]);
  const settled = !busy && (optionsKey === null || monthNeeded || checkedKey === optionsKey);

  async function pickFile(file: File | null | undefined, forKind: Kind = kind) {
    if (!file) return;
    setFile(file);
    setOpened(null); setPreview(null); setCommitted(null); setMapping({}); setSheet(null);
    if (file.size > MAX_FILE_BYTES) { setMessage({ kind: 'error', text: `文件有${(file.size / 1024 / 1024).toFixed(1)} MB，超过了50 MB的上限；请按乡镇拆分后分别导入` }); return; }
    setBusy('正在读取文件…');
    try {
      const result = await call('import.open', { fileName: file.name, base64: await readAsBase64(file), kind: forKind });
      setOpened(result);
      setSheet(result.defaultSheet);
      setMessage(null);
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  }

  async function commit() {
    if (!opened || !preview) return;
    const unit = KINDS.find((k) => k.value === kind)!.unit;
    setBusy(`正在备份数据库并写入 ${preview.summary.rows - preview.summary.rejected} 行…`);
    try {
      const result = await call('import.commit', options());
      setCommitted(result.summary);
      setMappingOpen(false);
      setMessage({ kind: 'info', text: result.alreadyImported ? result.alreadyImported.message : `已导入（第${result.summary.batchId}批）：新增 ${result.summary.created} ${unit}，更新 ${result.summary.updated} ${unit}，未变 ${result.summary.unchanged} ${unit}，未通过 ${result.summary.rejected} 行${result.summary.paid !== undefined ? `；银行确认成功 ${result.summary.paid} 笔，发放失败 ${result.summary.failed ?? 0} 笔` : ''}。导入前已自动备份数据库。` });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  }

  async function downloadErrors() {
    if (!opened) return;
    try {
      const file = await call('import.errorReport', options());
      downloadBase64(file.fileName, file.base64);
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  const issues = useMemo<IssueRow[]>(() => !preview ? [] : [
    ...preview.summary.errors.map((e) => ({ ...e, kind: '错误' as const })),
    ...preview.warningList.map((w) => ({ ...w, kind: '提醒' as const })),
  ].sort((a, b) => a.row - b.row), [preview]);
  // The explanation first, then who (name, row) and what the cell held, then what to do; the code last, small.
  const issueColumns = useMemo<ColDef<IssueRow>[]>(() => [
    { field: 'kind', headerName: '类型', width: 70, filter: true, cellClass: (p) => (p.value === '错误' ? 'cell-error' : 'cell-warning') },
    { field: 'message', headerName: '说明', flex: 2, minWidth: 260, tooltipField: 'message', wrapText: true, autoHeight: true },
    { field: 'name', headerName: '姓名', width: 80 },
    { field: 'row', headerName: '行', width: 64, sort: 'asc' },
    { field: 'column', headerName: '列', width: 56 },
    { field: 'header', headerName: '表头', width: 110 },
    { field: 'value', headerName: '原内容', width: 150, tooltipField: 'value' },
    { colId: 'todo', headerName: '怎么办', flex: 1, minWidth: 200, valueGetter: (p) => (p.data ? whatToDo(p.data.code) : ''), wrapText: true, autoHeight: true },
    { field: 'code', headerName: '代码', width: 110, filter: true, cellClass: 'issue-code-cell' },
  ], []);

  // The headers say which kind the sheet is: another kind than chosen is said before anything is written.
  const guess = useMemo(() => (preview ? guessImportKind(preview.columns.map((c) => c.header)) : null), [preview]);
  const kindMismatch = guess !== null && guess.because.length > 0 && guess.kind !== kind;
  const [mismatchAccepted, setMismatchAccepted] = useState(false);
  useEffect(() => setMismatchAccepted(false), [preview]);
  const canCommit = preview && !committed && preview.missing.length === 0 && !preview.alreadyImported && preview.summary.rows > preview.summary.rejected && (!kindMismatch || mismatchAccepted);
  const switchKind = (next: Kind) => { setKind(next); void pickFile(file, next); };

  return (
    <section className="import-page" data-settled={settled}>
      <div className="toolbar">
        <h1>数据导入</h1>
        <div className="tabs" role="tablist">
          <button role="tab" className={tab === 'file' ? 'tab active' : 'tab'} onClick={() => setTab('file')} data-testid="import-tab-file">导入文件</button>
          <button role="tab" className={tab === 'history' ? 'tab active' : 'tab'} onClick={() => setTab('history')} data-testid="import-tab-history">导入记录</button>
        </div>
      </div>
      {tab === 'history' ? <ImportHistory /> : (
        <>
          <div className="import-step">
            <label className="file-pick">
              <span className="button-like">选择Excel文件…</span>
              <input type="file" accept=".xlsx,.xlsm,.xls,.et,.ett,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => { void pickFile(e.target.files?.[0]); e.target.value = ''; }} data-testid="import-file" />
            </label>
            <label>导入类型 <select value={kind} disabled={!!busy} onChange={(e) => switchKind(e.target.value as Kind)} data-testid="import-kind">
              {KINDS.filter((k) => kinds.includes(k.value)).map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
            </select></label>
            {kind === 'attendance' && (
              <label>考勤月份 <MonthField required value={month} disabled={!!busy} onChange={(v) => { setMonth(v); setCommitted(null); }} testId="import-month" /></label>
            )}
            {opened && <span className="muted" data-testid="import-file-name">{opened.fileName}（{(opened.sizeBytes / 1024).toFixed(0)} KB）</span>}
            {opened && (
              <label>工作表 <select value={sheet ?? ''} onChange={(e) => { setSheet(e.target.value); setMapping({}); setCommitted(null); }} data-testid="import-sheet">
                {opened.sheets.map((s) => <option key={s.name} value={s.name}>{s.name}{s.hidden ? '（隐藏）' : ''}{s.name === opened.defaultSheet ? '（推荐）' : ''}</option>)}
              </select></label>
            )}
          </div>
          {monthNeeded && <div className="banner info" role="status" data-testid="import-month-needed">请先填写考勤月份（如2022-08），再检查文件。</div>}
          {!opened && !busy && !message && kind === 'bank-return' && <p className="muted">请选择银行返回的回盘文件（Excel 或 CSV/TXT 文本）：按卡号和金额（有户名时也核对户名）对应到已报送银行的代发批次，先试导入并显示每一行的结果，确认后再提交；导入后可以撤销。</p>}
          {!opened && !busy && !message && kind !== 'bank-return' && <p className="muted">请选择乡镇报来的台账（Excel .xlsx/.xls、WPS .et 或 CSV 文本均可）。表头可以在标题行下面、可以是两行合并表头，列的顺序不限；导入前会先试导入，显示每一行的结果，确认后再提交。</p>}
          {busy && <div className="progress" role="progressbar" aria-label={busy} data-testid="import-busy"><div className="progress-bar" /><span>{busy}</span></div>}
          {message && !(committed && message.kind === 'info') && <div className={`banner ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="import-message">{message.text}</div>}
          {preview && !busy && preview.alreadyImported && !committed && <div className="banner info" data-testid="import-already">{preview.alreadyImported.message}</div>}
          {preview && (
            <div className="import-body">
              <details className="mapping" open={mappingOpen || preview.missing.length > 0} onToggle={(e) => setMappingOpen((e.target as HTMLDetailsElement).open)} data-testid="import-mapping">
                <summary>
                  列对应关系：第{preview.headerRows.first}{preview.headerRows.last > preview.headerRows.first ? `–${preview.headerRows.last}` : ''}行是表头，
                  识别了 {preview.columns.filter((c) => c.field).length} 列{preview.ignored.length > 0 && `，不导入：${preview.ignored.join('、')}`}
                </summary>
                <table className="plain-table mapping-table">
                  <thead><tr><th>列</th><th>表头</th><th>导入为</th><th>示例</th></tr></thead>
                  <tbody>
                    {preview.columns.map((c) => (
                      <tr key={c.index} className={c.field ? '' : 'ignored'}>
                        <td>{c.letter}</td><td>{c.header}</td>
                        <td>
                          <select value={c.field ?? ''} onChange={(e) => { setMapping({ ...mapping, [String(c.index)]: e.target.value || null }); setCommitted(null); }} data-testid={`map-${c.letter}`}>
                            <option value="">不导入</option>
                            {preview.fields.map((f) => <option key={f.key} value={f.key}>{f.label}{f.required ? '（必需）' : ''}</option>)}
                          </select>
                        </td>
                        <td className="muted">{c.samples.join('；')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
              {preview.missing.length > 0 && <div className="banner error" data-testid="import-missing">缺少必需的列：{preview.missing.join('、')}。请在上表中为它们选择对应的列。</div>}
              {kindMismatch && guess && !committed && (
                <div className="banner warning" role="alert" data-testid="import-kind-warning">
                  这个文件有“{guess.because.join('”“')}”列，像是<b>{KIND_LABELS[guess.kind]}</b>，当前选择的导入类型是“{KINDS.find((k) => k.value === kind)?.label}”。
                  {kinds.includes(guess.kind) && <button className="small" onClick={() => switchKind(guess.kind)} disabled={!!busy || (guess.kind === 'attendance' && !isMonth(month))} data-testid="import-kind-switch">改为按{KIND_LABELS[guess.kind]}导入</button>}
                  <label className="inline-field"><input type="checkbox" checked={mismatchAccepted} onChange={(e) => setMismatchAccepted(e.target.checked)} data-testid="import-kind-accept" />确实按“{KINDS.find((k) => k.value === kind)?.label}”导入</label>
                </div>
              )}
              <h2>{committed ? '导入结果' : '试导入结果（尚未写入）'}</h2>
              {committed && message?.kind === 'info' && <div className="banner info" role="status" data-testid="import-committed">{message.text}</div>}
              <Counts summary={committed ?? preview.summary} testId="import-counts" />
              {(committed ?? preview.summary).paid !== undefined && <p data-testid="import-return-figures">银行回盘：成功 {(committed ?? preview.summary).paid} 笔，发放失败 {(committed ?? preview.summary).failed ?? 0} 笔（未通过的行不计入）。</p>}
              <div className="actions">
                <button onClick={commit} disabled={!canCommit || !!busy} data-testid="import-commit">提交导入</button>
                <button className="secondary" onClick={downloadErrors} disabled={preview.summary.errors.length === 0} data-testid="import-error-report">下载错误报告</button>
                {preview.summary.rejected > 0 && <span className="muted">未通过的行不会导入；错误报告保留原表头和列顺序，标红出错的单元格，可退回乡镇修改后重报。</span>}
              </div>
              {issues.length > 0 && (
                <div className="grid issues-grid" data-testid="import-issues" {...issuesClipboard.containerProps}>
                  <AgGridReact<IssueRow>
                    theme={theme} localeText={AG_GRID_LOCALE_CN} rowData={issues} columnDefs={issueColumns}
                    defaultColDef={{ sortable: true, resizable: true, ...issuesClipboard.colDefProps }} animateRows={false} tooltipShowDelay={300}
                    onGridReady={(e) => { issuesApi.current = e.api; }}
                  />
                </div>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ImportHistory() {
  const role = useSessionUser().role;
  const [batches, setBatches] = useState<ImportBatchView[] | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  const load = useCallback(() => { call('import.batches', {}).then(setBatches).catch((e: Error) => setMessage({ kind: 'error', text: e.message })); }, []);
  useEffect(load, [load]);

  async function undo(batchId: number) {
    setConfirming(null);
    try {
      await call('import.undo', { batchId });
      setMessage({ kind: 'info', text: `已撤销第${batchId}批导入，涉及的人员已恢复到导入前（撤销前已自动备份数据库）。` });
      setComparison(null);
      load();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  async function compare(batchId: number) {
    try { setComparison(await call('import.compare', { batchId })); } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  }

  return (
    <div className="import-history">
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="history-message">{message.text}</div>}
      {batches === null ? <p className="muted">加载中…</p> : batches.length === 0 ? <p className="muted" data-testid="history-empty">还没有导入过文件。</p> : (
        <table className="plain-table history-table" data-testid="history-table">
          <thead><tr><th>批次</th><th>文件</th><th>乡镇</th><th>导入人</th><th>时间</th><th>行数</th><th>新增</th><th>更新</th><th>未变</th><th>未通过</th><th>状态</th><th>操作</th></tr></thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} data-testid={`batch-${b.id}`} className={b.status === 'undone' ? 'undone' : ''}>
                <td className="num">{b.id}</td>
                <td title={`SHA-256 ${b.sha256}`}>{b.fileName}<div className="sha">SHA-256 {b.sha256.slice(0, 12)}…</div></td>
                <td>{b.townshipName}</td><td>{b.createdBy}</td><td>{localDateTime(b.createdAt)}</td>
                <td className="num">{b.rows}</td><td className="num">{b.created}</td><td className="num">{b.updated}</td><td className="num">{b.unchanged}</td><td className="num">{b.rejected}</td>
                <td data-testid={`batch-${b.id}-status`}>{b.status === 'applied' ? '已导入' : '已撤销'}</td>
                <td><div className="row-actions">
                  <button className="secondary small" onClick={() => compare(b.id)} data-testid={`batch-${b.id}-compare`}>与上次对比</button>
                  {b.status === 'applied' && mayCall(role, IMPORT_ACCESS[b.kind as keyof typeof IMPORT_ACCESS] ?? []) && (confirming === b.id
                    ? <><button className="danger small" onClick={() => undo(b.id)} data-testid={`batch-${b.id}-confirm-undo`}>确认撤销</button><button className="secondary small" onClick={() => setConfirming(null)}>取消</button></>
                    : <button className="secondary small" onClick={() => setConfirming(b.id)} data-testid={`batch-${b.id}-undo`}>撤销</button>)}
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {comparison && <ComparisonView comparison={comparison} />}
    </div>
  );
}

function ComparisonView({ comparison }: { comparison: Comparison }) {
  if (!comparison.previous) return <div className="banner info" data-testid="compare-result">第{comparison.batchId}批是该乡镇的第一批导入，没有可以对比的上一批。</div>;
  const { added, missing, changed, previous } = comparison;
  return (
    <div className="comparison" data-testid="compare-result">
      <h2>第{comparison.batchId}批与上一批（第{previous.id}批，{previous.fileName}，{localDateTime(previous.createdAt)}）对比</h2>
      <p>新增 <b>{added.length}</b> 人，减少 <b>{missing.length}</b> 人，信息变更 <b>{changed.length}</b> 人。</p>
      {added.length > 0 && <p><span className="tag good">新增</span>{added.map((a) => a.label).join('、')}</p>}
      {missing.length > 0 && <p><span className="tag bad">本次未报</span>{missing.map((m) => m.label).join('、')}</p>}
      {changed.length > 0 && (
        <table className="plain-table">
          <thead><tr><th>姓名</th><th>项目</th><th>上次</th><th>本次</th></tr></thead>
          <tbody>{changed.flatMap((c) => c.fields.map((f, i) => <tr key={`${c.key}-${f.field}`}><td>{i === 0 ? c.label : ''}</td><td>{f.field}</td><td>{f.before || '（空）'}</td><td>{f.after}</td></tr>))}</tbody>
        </table>
      )}
    </div>
  );
}
