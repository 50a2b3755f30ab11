// 设置 → 银行文件格式: the county's bank file template — which columns in which order and under what names,
// title / header / foot rows, xlsx / csv / txt, the separator, and the encoding (UTF-8 with BOM, or GBK for
// the many rural banks' batch systems that read only GBK).
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract/schemas';
import { BANK_FIELDS, DEFAULT_BANK_TEMPLATE, templateProblems, type BankField } from '../../../shared/domain/bank-file';
import { call } from '../api';

type Template = ChannelOutput<'payments.template'>;
const FIELDS = Object.entries(BANK_FIELDS) as [BankField, string][];

export function BankTemplatePanel() {
  const [template, setTemplate] = useState<Template | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  useEffect(() => { call('payments.template', {}).then(setTemplate).catch((e: Error) => setMessage({ kind: 'error', text: e.message })); }, []);
  if (!template) return message ? <div className="banner error">{message.text}</div> : <p className="muted">正在读取…</p>;

  const problems = templateProblems(template);
  const set = (change: Partial<Template>) => setTemplate({ ...template, ...change });
  const setColumn = (i: number, change: Partial<Template['columns'][number]>) => set({ columns: template.columns.map((c, j) => (j === i ? { ...c, ...change } : c)) });
  const move = (i: number, step: -1 | 1) => {
    const columns = [...template.columns];
    const [c] = columns.splice(i, 1);
    columns.splice(i + step, 0, c!);
    set({ columns });
  };
  async function save() {
    try { setTemplate(await call('payments.saveTemplate', template!)); setMessage({ kind: 'info', text: '已保存。以后下载的银行文件按此格式生成（已生成批次的行与金额不变）。' }); } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  }
  return (
    <div className="panel" data-testid="bank-template">
      <h2>银行文件格式</h2>
      <p className="muted">代发批次交给银行的文件。默认：Excel 表，标题行（县、月份、批次号）、表头、每人一行、末行合计笔数与金额。按开户银行的批量代发系统要求调整。</p>
      <div className="panel-toolbar">
        <label className="field"><span className="field-label">文件类型</span>
          <select value={template.format} onChange={(e) => set({ format: e.target.value as Template['format'] })} data-testid="template-format">
            <option value="xlsx">Excel 工作簿（.xlsx）</option><option value="csv">逗号分隔（.csv）</option><option value="txt">文本文件（.txt）</option>
          </select>
        </label>
        {template.format !== 'xlsx' && (
          <>
            <label className="field"><span className="field-label">编码</span>
              <select value={template.encoding} onChange={(e) => set({ encoding: e.target.value as Template['encoding'] })} data-testid="template-encoding">
                <option value="utf8-bom">UTF-8（带BOM）</option><option value="gbk">GBK（多数农商行、信用社）</option>
              </select>
            </label>
            <label className="field"><span className="field-label">分隔符</span>
              <select value={template.separator} onChange={(e) => set({ separator: e.target.value })} data-testid="template-separator">
                <option value=",">逗号 ,</option><option value={'\t'}>制表符</option><option value="|">竖线 |</option><option value=";">分号 ;</option>
              </select>
            </label>
          </>
        )}
        <label className="check"><input type="checkbox" checked={template.titleRow} onChange={(e) => set({ titleRow: e.target.checked })} /> 标题行</label>
        <label className="check"><input type="checkbox" checked={template.headerRow} onChange={(e) => set({ headerRow: e.target.checked })} /> 表头行</label>
        <label className="check"><input type="checkbox" checked={template.footerRow} onChange={(e) => set({ footerRow: e.target.checked })} /> 合计行</label>
      </div>
      <table className="plain-table compact">
        <thead><tr><th>顺序</th><th>内容</th><th>列名</th><th /></tr></thead>
        <tbody>
          {template.columns.map((c, i) => (
            <tr key={`${c.field}-${i}`}>
              <td>{i + 1}</td>
              <td><select value={c.field} onChange={(e) => setColumn(i, { field: e.target.value as BankField })}>{FIELDS.map(([f, label]) => <option key={f} value={f}>{label}</option>)}</select></td>
              <td><input value={c.title} maxLength={30} onChange={(e) => setColumn(i, { title: e.target.value })} /></td>
              <td>
                <button className="link" disabled={i === 0} onClick={() => move(i, -1)}>上移</button>
                <button className="link" disabled={i === template.columns.length - 1} onClick={() => move(i, 1)}>下移</button>
                <button className="link danger" disabled={template.columns.length === 1} onClick={() => set({ columns: template.columns.filter((_, j) => j !== i) })}>删除</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions left">
        <button className="secondary" disabled={template.columns.length >= FIELDS.length} onClick={() => set({ columns: [...template.columns, { field: FIELDS.find(([f]) => !template.columns.some((c) => c.field === f))![0], title: '' }] })}>增加一列</button>
        <button className="secondary" onClick={() => setTemplate(DEFAULT_BANK_TEMPLATE)}>恢复默认</button>
        <button disabled={problems.length > 0} onClick={save} data-testid="template-save">保存</button>
      </div>
      {problems.length > 0 && <div className="banner warning">{problems.join('；')}</div>}
      {message && <div className={`banner ${message.kind}`} role="status">{message.text}</div>}
    </div>
  );
}
