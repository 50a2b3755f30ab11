// 报表中心: the city reports for a month, one click each (the engine renders, audits the export).
import { useState } from 'react';
import { call } from '../api';
import { downloadBase64 } from '../download';
import { useMayCall } from '../session';
import { localDate } from '../../../shared/domain/dates';

const REPORTS = [
  { key: 'R1', title: 'R1 脱贫劳动力就业情况月报表', run: (month: string) => call('reports.employment', { report: 'R1', month }) },
  { key: 'R3', title: 'R3 乡村公益性岗位人员花名册', run: (month: string) => call('reports.r3', { month, version: 'full' }) },
  { key: 'R5', title: 'R5 “131”就业服务与技能培训情况表', run: (month: string) => call('reports.employment', { report: 'R5', month }) },
] as const;

function lastMonth(): string {
  const d = new Date();
  d.setMonth(d.getMonth() - 1);
  return localDate(d).slice(0, 7);
}

export function ReportsPage() {
  const [month, setMonth] = useState(lastMonth());
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const mayExport = useMayCall('reports.employment');
  async function run(report: (typeof REPORTS)[number]) {
    setBusy(report.key);
    try {
      const file = await report.run(month);
      downloadBase64(file.fileName, file.base64);
      setMessage({ kind: 'info', text: `已生成：${file.fileName}` });
    } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); } finally { setBusy(null); }
  }
  return (
    <section className="reports-page">
      <h1>报表中心</h1>
      <div className="toolbar">
        <label>报告月份 <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} data-testid="report-month" /></label>
      </div>
      {!mayExport && <p className="banner warning">生成和导出报表需要审核员或管理员账号。</p>}
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="report-message">{message.text}</div>}
      <ul className="report-list">
        {REPORTS.map((r) => (
          <li key={r.key}><span>{r.title}</span><button disabled={!mayExport || busy !== null || !/^\d{4}-\d{2}$/.test(month)} onClick={() => run(r)} data-testid={`report-${r.key}`}>{busy === r.key ? '正在生成…' : '生成并下载'}</button></li>
        ))}
      </ul>
      <p className="muted hint">R1 按所选月份所在年度的就业台账统计（台账当前状态，与年度目标任务对照）；R5 统计本年截至所选月份末的服务与培训。</p>
    </section>
  );
}
