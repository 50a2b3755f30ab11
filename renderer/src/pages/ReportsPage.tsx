// 报表中心: every report of the one registry (shared/domain/reports/catalogue.ts) for a month — preview on
// screen (the same rows and totals as the file: both come from the engine's one model), export one or all
// with a progress bar, print (the browser's print, with a print stylesheet; the desktop prints to PDF), and
// a warning when a report already exported would now come out different.
import { useState } from 'react';
import { call, desktop, desktopCall } from '../api';
import { downloadBase64 } from '../download';
import { useMayCall } from '../session';
import { REPORTS, type ReportId } from '../../../shared/domain/reports/catalogue';
import { headerLines, infoLine, sheetTitle, hasGroupedHeader, type ReportColumn } from '../../../shared/domain/reports/report-model';
import { formatYuan } from '../../../shared/domain/money';
import type { ReportPreview } from '../../../shared/contract/reports';
import { localDate } from '../../../shared/domain/dates';
import { MonthField } from '../components/DateField';

type Sheet = ReportPreview['sheets'][number];

function lastMonth(): string {
  const d = new Date();
  d.setMonth(d.getMonth() - 1);
  return localDate(d).slice(0, 7);
}

/** A cell as the workbook shows it. */
function shown(column: ReportColumn, value: string | number | null, total: boolean): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number' && column.kind === 'money') return formatYuan(value);
  if (typeof value === 'number' && column.kind === 'percent') return `${(value * 100).toFixed(2)}%`;
  if (typeof value === 'number' && column.kind === 'text' && total) return `${value.toLocaleString('zh-CN')}人`;
  if (typeof value === 'number' && column.kind === 'integer') return value.toLocaleString('zh-CN');
  return String(value);
}

const header = (text: string, width: number) => headerLines(text, width).lines.map((l, i) => <span key={i} className="header-line">{l}</span>);

/** One sheet of a report as an HTML table laid out like the workbook (title, info line, grouped header, footer). */
function SheetView({ sheet, limit }: { sheet: Sheet; limit: number }) {
  const columns = sheet.columns as ReportColumn[];
  const grouped = hasGroupedHeader(columns);
  const groups: { title: string; span: number; column?: ReportColumn }[] = [];
  for (const column of columns) {
    const last = groups.at(-1);
    if (column.group && last && last.title === column.group && !last.column) last.span += 1;
    else groups.push(column.group ? { title: column.group, span: 1 } : { title: column.header, span: 1, column });
  }
  const rows = sheet.rows.length > limit ? [...sheet.rows.slice(0, limit - 1).filter((r) => r.kind === 'data'), ...sheet.rows.filter((r) => r.kind !== 'data')] : sheet.rows;
  return (
    <div className="report-sheet" data-testid="report-sheet">
      <h2 className="report-title">{sheetTitle(sheet)}</h2>
      <div className="report-info">{infoLine(sheet).map((t) => <span key={t}>{t}</span>)}</div>
      <table className="report-table">
        <thead>
          <tr>{groups.map((g, i) => (g.column
            ? <th key={i} rowSpan={grouped ? 2 : 1}>{header(g.title, g.column.width)}</th>
            : <th key={i} colSpan={g.span}>{g.title}</th>))}</tr>
          {grouped && <tr>{columns.filter((c) => c.group).map((c, i) => <th key={i}>{header(c.header, c.width)}</th>)}</tr>}
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} className={row.kind === 'data' ? undefined : 'report-total'}>
              {columns.map((c, k) => <td key={k} className={`cell-${c.kind}`}>{shown(c, row.cells[k] ?? null, row.kind !== 'data')}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length < sheet.rows.length && <p className="muted screen-only">屏幕上只显示前{limit}行和合计行；导出的文件含全部{sheet.rows.filter((r) => r.kind === 'data').length}行。</p>}
      <div className="report-footer">{sheet.footer.map((f) => <span key={f.label}>{f.label}：{f.value}</span>)}</div>
      {sheet.notes.map((note) => <p key={note} className="report-note">{note}</p>)}
    </div>
  );
}

export function ReportsPage({ initialMonth }: { initialMonth?: string | null }) {
  const [month, setMonth] = useState(initialMonth ?? lastMonth());
  const [message, setMessage] = useState<{ kind: 'info' | 'error' | 'warning'; text: string; lines?: string[] } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [sheetIndex, setSheetIndex] = useState(0);
  const [printAll, setPrintAll] = useState(false);
  const mayExport = useMayCall('reports.export');
  const validMonth = /^\d{4}-\d{2}$/.test(month);

  async function open(report: ReportId) {
    setBusy(report);
    setMessage(null);
    try {
      const p = await call('reports.preview', { report, month });
      setPreview(p);
      setSheetIndex(0);
      if (p.since && p.since.changes.count > 0) {
        setMessage({ kind: 'warning', text: `此表已于${p.since.exportedAt.slice(0, 10)}导出（${p.since.fileName}），现在生成会有${p.since.changes.count}处不同。市里手中的是旧版本：`, lines: p.since.changes.lines });
      }
    } catch (e) { setPreview(null); setMessage({ kind: 'error', text: (e as Error).message }); } finally { setBusy(null); }
  }

  async function exportReports(ids: readonly ReportId[]) {
    setBusy(ids.length > 1 ? 'all' : ids[0]!);
    setProgress({ done: 0, total: ids.length });
    const written: string[] = [];
    const refused: string[] = [];
    const changed: string[] = [];
    try {
      for (const [i, report] of ids.entries()) {
        try {
          const file = await call('reports.export', { report, month });
          downloadBase64(file.fileName, file.base64);
          written.push(file.fileName);
          if (file.since && file.since.changes.count > 0) changed.push(`${file.fileName}：与${file.since.exportedAt.slice(0, 10)}导出的版本有${file.since.changes.count}处不同`, ...file.since.changes.lines.slice(0, 10).map((l) => `\u3000${l}`));
        } catch (e) {
          if (ids.length === 1) throw e;
          refused.push(`${REPORTS.find((r) => r.id === report)!.code}：${(e as Error).message}`);
        }
        setProgress({ done: i + 1, total: ids.length });
      }
      setMessage({ kind: changed.length ? 'warning' : 'info', text: `已生成 ${written.length} 个文件：${written.join('、')}`, lines: [...changed, ...refused] });
    } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); } finally { setBusy(null); setTimeout(() => setProgress(null), 800); }
  }

  // Every sheet laid out for paper by the print stylesheet: the desktop saves it as a PDF, a browser prints it.
  const print = () => {
    setPrintAll(true);
    setTimeout(() => {
      const done = () => setPrintAll(false);
      // The desktop: Chromium's printToPDF of this page's print layout, saved where the user chooses.
      if (desktop && preview) {
        desktopCall(desktop.printToPDF(preview.fileName))
          .then((r) => { if (r.saved) setMessage({ kind: 'info', text: `已保存PDF：${r.saved}` }); })
          .catch((e: Error) => setMessage({ kind: 'error', text: e.message })).finally(done);
      } else { window.print(); done(); }
    }, 50);
  };
  const sheets = preview?.sheets ?? [];

  return (
    <section className="reports-page">
      <div className="toolbar screen-only">
        <h1>报表中心</h1>
        <label>报告月份 <MonthField value={month} onChange={(v) => { setMonth(v); setPreview(null); setMessage(null); }} testId="report-month" /></label>
        <button disabled={!mayExport || busy !== null || !validMonth} onClick={() => exportReports(REPORTS.map((r) => r.id))} data-testid="report-export-all">{busy === 'all' ? '正在生成…' : '全部导出'}</button>
        {progress && <progress max={progress.total} value={progress.done} data-testid="report-progress" />}
        {progress && <span className="muted">{progress.done} / {progress.total}</span>}
      </div>
      {!mayExport && <p className="banner warning screen-only">生成和导出报表需要审核员或管理员账号。</p>}
      {message && (
        <div className={`banner ${message.kind} screen-only`} role="status" data-testid="report-message">
          {message.text}
          {message.lines && message.lines.length > 0 && <ul className="change-list">{message.lines.map((l, i) => <li key={i}>{l}</li>)}</ul>}
        </div>
      )}
      <table className="plain-table report-registry screen-only" data-testid="report-list">
        <tbody>
          {REPORTS.map((r) => (
            <tr key={r.id} className={preview?.report === r.id ? 'selected' : undefined}>
              <td className="report-code">{r.code}</td>
              <td><strong>{r.title}</strong><div className="muted">{r.description}</div></td>
              <td className="report-actions">
                <button className="secondary" disabled={!mayExport || busy !== null || !validMonth} onClick={() => open(r.id)} data-testid={`report-preview-${r.id}`}>{busy === r.id ? '正在生成…' : '预览'}</button>
                <button disabled={!mayExport || busy !== null || !validMonth} onClick={() => exportReports([r.id])} data-testid={`report-${r.id}`}>导出</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview && (
        <div className="report-preview" data-testid="report-preview">
          <div className="toolbar screen-only">
            <strong>{preview.fileName}</strong>
            <span className="muted">{preview.figures.lines.toLocaleString('zh-CN')} 行{preview.figures.totalFen !== undefined ? `，合计 ${formatYuan(preview.figures.totalFen)} 元` : ''}{preview.figures.transferFen !== undefined && preview.report === 'R4' ? `，本次代发 ${formatYuan(preview.figures.transferFen)} 元，暂缓发放 ${formatYuan(preview.figures.withheldFen ?? 0)} 元` : ''}</span>
            <span className="spacer" />
            <button className="secondary" onClick={print} data-testid="report-print">打印</button>
            <button onClick={() => exportReports([preview.report])} disabled={busy !== null}>导出此表</button>
          </div>
          {(preview.figures.warnings ?? []).map((w) => <div key={w} className="banner warning screen-only">{w}</div>)}
          {sheets.length > 1 && (
            <div className="tabs screen-only" role="tablist">
              {sheets.map((s, i) => <button key={s.name} role="tab" className={i === sheetIndex ? 'tab active' : 'tab'} onClick={() => setSheetIndex(i)}>{s.name}</button>)}
            </div>
          )}
          {(printAll ? sheets : sheets.slice(sheetIndex, sheetIndex + 1)).map((s) => <SheetView key={s.name} sheet={s} limit={printAll ? Number.MAX_SAFE_INTEGER : 300} />)}
        </div>
      )}
    </section>
  );
}
