// 审计日志: who did what and when, with the fields that changed (before → after) under Chinese labels;
// filter and export.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditEntryView, ChannelInput } from '../../../shared/contract/schemas';
import { call } from '../api';
import { downloadBase64 } from '../download';
import { auditChanges } from '../../../shared/domain/audit-labels';
import { count, localTime } from '../format';
import type { Townships } from '../App';
import { DateField } from '../components/DateField';

const ACTIONS: [string, string][] = [['', '全部'], ['create', '新增'], ['update', '修改'], ['reveal', '查看完整号码'], ['export', '导出'], ['import', '导入'], ['undo', '撤销导入'], ['approve', '审核通过'], ['login', '登录'], ['login-failed', '登录失败'], ['backup', '备份'], ['restore', '恢复备份']];

export function AuditPanel({ townships }: { townships: Townships }) {
  // Township and village codes in an entry read as their names.
  const placeName = useMemo(() => {
    const names = new Map<string, string>(townships.flatMap((t) => [[t.code, t.name] as [string, string], ...t.villages.map((v) => [v.code, v.displayName] as [string, string])]));
    return (_field: string, value: unknown) => (typeof value === 'string' ? names.get(value) ?? null : null);
  }, [townships]);
  const [filter, setFilter] = useState<ChannelInput<'audit.list'>>({});
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const clean = (f: ChannelInput<'audit.list'>) => Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as ChannelInput<'audit.list'>;
  const load = useCallback((f: ChannelInput<'audit.list'>) => {
    call('audit.list', clean(f)).then((r) => { setEntries(r.entries); setTruncated(r.truncated); setError(null); }).catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => load({}), [load]);

  const set = (key: keyof ChannelInput<'audit.list'>) => (e: { target: { value: string } }) => setFilter({ ...filter, [key]: e.target.value });
  async function exportLog() {
    try { const file = await call('audit.export', clean(filter)); downloadBase64(file.fileName, file.base64); } catch (e) { setError((e as Error).message); }
  }

  return (
    <div data-testid="audit-panel">
      <div className="panel-toolbar">
        <label className="field"><span className="field-label">人员（姓名或身份证号）</span><input value={filter.person ?? ''} onChange={set('person')} data-testid="audit-person" /></label>
        <label className="field"><span className="field-label">用户</span><input value={filter.username ?? ''} onChange={set('username')} data-testid="audit-user" /></label>
        <label className="field"><span className="field-label">操作</span><select value={filter.action ?? ''} onChange={set('action')} data-testid="audit-action">{ACTIONS.map(([v, t]) => <option key={v} value={v}>{t}</option>)}</select></label>
        <label className="field"><span className="field-label">起始日期</span><DateField value={filter.from ?? ''} onChange={(v) => setFilter({ ...filter, from: v })} testId="audit-from" /></label>
        <label className="field"><span className="field-label">截止日期</span><DateField value={filter.to ?? ''} onChange={(v) => setFilter({ ...filter, to: v })} testId="audit-to" /></label>
        <button onClick={() => load(filter)} data-testid="audit-search">查询</button>
        <button className="secondary" onClick={exportLog}>导出</button>
      </div>
      {error && <div className="banner error" role="alert">{error}</div>}
      <p className="muted">共 {count(entries.length)} 条{truncated ? '（只显示最近的 2000 条，请缩小范围）' : ''}。审计日志只能追加，任何人都不能修改或删除。</p>
      <table className="plain-table wide" data-testid="audit-list">
        <thead><tr><th>时间</th><th>用户</th><th>操作</th><th>变动内容（修改前 → 修改后）</th></tr></thead>
        <tbody>
          {entries.map((e) => {
            const changes = auditChanges(e.before, e.after, placeName);
            return (
              <tr key={e.id} data-testid="audit-entry">
                <td className="nowrap">{localTime(e.at)}</td><td data-latin-ok>{e.username}</td><td>{e.summary}</td>
                <td>{changes.length === 0 ? <span className="muted">—</span> : (
                  <ul className="audit-changes">
                    {changes.slice(0, 12).map((c) => (
                      <li key={c.field}><span className="label">{c.label}：</span>{e.before && c.before ? <><del data-latin-ok>{c.before}</del> → </> : null}<ins data-latin-ok>{c.after || '（删除）'}</ins></li>
                    ))}
                    {changes.length > 12 && <li className="muted">另有 {changes.length - 12} 项</li>}
                  </ul>
                )}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
