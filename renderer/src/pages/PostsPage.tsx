// 公益岗位: the year's plan, developed, filled and vacant posts per township and for the county at a glance;
// adding a post in a village (within the plan); the posts with their holders; a post's history.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { useGridClipboard } from '../grid-clipboard';
import type { ChannelOutput, PostView } from '../../../shared/contract/schemas';
import { POST_TYPES, defaultEmployingUnit } from '../../../shared/domain/posts';
import { call } from '../api';
import type { AppInfo, Townships } from '../App';
import { gridLocale, gridTheme } from '../grid-theme';
import { PostHistory } from '../components/PostHistory';
import { YearSelect, latestYear } from '../components/YearSelect';
import { Dialog } from '../components/Dialog';
import { count } from '../format';
import { useSessionUser } from '../session';

type Summary = ChannelOutput<'posts.summary'>;
type Message = { kind: 'info' | 'error'; text: string } | null;

export function PostsPage({ info, townships }: { info: AppInfo; townships: Townships }) {
  const [year, setYear] = useState(() => latestYear(info));
  const [summary, setSummary] = useState<Summary | null>(null);
  const [posts, setPosts] = useState<PostView[] | null>(null);
  const clerkScope = useSessionUser().townships !== null;
  const gridApi = useRef<GridApi<PostView> | null>(null);
  const clipboard = useGridClipboard<PostView>({ api: gridApi });
  const [message, setMessage] = useState<Message>(null);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  const [draft, setDraft] = useState({ townshipCode: townships[0]?.code ?? '', villageCode: '', postType: '保洁', employingUnit: '' });
  const mayRaisePlan = info.user.role !== 'clerk';
  const [planning, setPlanning] = useState<{ code: string; name: string; current: number | null } | null>(null);
  const [search, setSearch] = useState('');

  const load = useCallback(() => {
    Promise.all([call('posts.summary', { year }), call('posts.list', { year })])
      .then(([s, l]) => { setSummary(s); setPosts(l.posts); })
      .catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, [year]);
  useEffect(load, [load]);

  const villages = townships.find((t) => t.code === draft.townshipCode)?.villages ?? [];
  const village = villages.find((v) => v.code === draft.villageCode);

  async function addPost() {
    setMessage(null);
    try {
      const post = await call('posts.create', { year, villageCode: draft.villageCode, postType: draft.postType, employingUnit: draft.employingUnit || undefined });
      setMessage({ kind: 'info', text: `已新增岗位：${post.townshipName}${post.villageName} · ${post.postType}（${post.employingUnit}）` });
      load();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  /** Saves a township's plan; a refusal stays inside the dialog, where the number can be corrected. */
  async function savePlan(code: string, name: string, plannedPosts: number | null): Promise<string | null> {
    try {
      await call('plans.save', { year, townshipCode: code, plannedPosts });
      setPlanning(null);
      setMessage({ kind: 'info', text: `已调整${name}${year}年计划：${plannedPosts === null ? '不单独设定' : `${count(plannedPosts)} 个`}` });
      load();
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  const columns = useMemo<ColDef<PostView>[]>(() => [
    { field: 'id', headerName: '岗位编号', width: 100 },
    { field: 'townshipName', headerName: '乡镇', width: 110, filter: true },
    { field: 'villageName', headerName: '村', width: 130, filter: true },
    { field: 'postType', headerName: '岗位类型', width: 130, filter: true },
    { field: 'employingUnit', headerName: '用工单位', width: 200, tooltipField: 'employingUnit' },
    { field: 'status', headerName: '状态', width: 90, filter: true },
    { field: 'holderName', headerName: '在岗人员', width: 110 },
    { field: 'vacantFrom', headerName: '空缺起始', width: 120 },
    { field: 'holders', headerName: '累计安置', width: 100 },
  ], []);

  return (
    <section className="posts-page page">
      <div className="toolbar">
        <h1>公益岗位</h1>
        <YearSelect info={info} year={year} onChange={(y) => { setYear(y); setHistoryOf(null); }} />
        {summary && <span className="muted">在岗与空缺截至 {summary.asOf}</span>}
        <input className="search" type="search" placeholder="搜索村、岗位类型、用工单位或在岗人员" value={search}
          onChange={(e) => setSearch(e.target.value)} data-testid="posts-search" aria-label="搜索岗位" />
      </div>
      {message && <div className={`banner ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="posts-message">{message.text}</div>}
      <div className="posts-layout">
      {summary && (
        <div className="posts-summary-pane">
        <table className="plain-table summary-table" data-testid="posts-summary">
          <thead><tr><th>乡镇</th><th>计划岗位</th><th>已开发</th><th>在岗</th><th>空缺</th><th>尚可开发</th>{mayRaisePlan && <th />}</tr></thead>
          <tbody>
            {summary.townships.map((t) => (
              <tr key={t.code} data-testid={`summary-${t.name}`}>
                <td>{t.name}</td>
                <td className="num">{t.plannedPosts === null ? <span className="muted">按全县</span> : count(t.plannedPosts)}</td>
                <td className="num">{count(t.developed)}</td><td className="num">{count(t.filled)}</td><td className="num">{count(t.vacant)}</td>
                <td className="num">{t.plannedPosts === null ? '—' : count(t.plannedPosts - t.developed)}</td>
                {mayRaisePlan && <td><button className="link" onClick={() => setPlanning({ code: t.code, name: t.name, current: t.plannedPosts })} data-testid={`plan-${t.name}`}>调整计划</button></td>}
              </tr>
            ))}
            {clerkScope && (() => {
              // A clerk's own total first, named after their township(s): the county line below is for reference.
              const sum = (f: (t: Summary['townships'][number]) => number) => count(summary.townships.reduce((n, t) => n + f(t), 0));
              const planned = summary.townships.every((t) => t.plannedPosts !== null);
              return (
                <tr className="total" data-testid="summary-scope">
                  <td>{summary.townships.map((t) => t.name).join('、')}合计</td>
                  <td className="num">{planned ? sum((t) => t.plannedPosts ?? 0) : '—'}</td><td className="num">{sum((t) => t.developed)}</td>
                  <td className="num">{sum((t) => t.filled)}</td><td className="num">{sum((t) => t.vacant)}</td>
                  <td className="num">{planned ? sum((t) => (t.plannedPosts ?? 0) - t.developed) : '—'}</td>{mayRaisePlan && <td />}
                </tr>
              );
            })()}
            <tr className={clerkScope ? 'muted' : 'total'} data-testid="summary-county">
              <td>{summary.county.name}合计{clerkScope ? '（全县，供参考）' : ''}</td><td className="num">{count(summary.county.plannedPosts ?? 0)}</td><td className="num">{count(summary.county.developed)}</td>
              <td className="num">{count(summary.county.filled)}</td><td className="num">{count(summary.county.vacant)}</td>
              <td className="num">{count((summary.county.plannedPosts ?? 0) - summary.county.developed)}</td>{mayRaisePlan && <td />}
            </tr>
          </tbody>
        </table>
        </div>
      )}
      <div className="posts-main">
      {info.user.role !== 'manager' && (
        <div className="toolbar add-post" aria-label="新增岗位">
          <strong>新增岗位</strong>
          <select aria-label="乡镇" value={draft.townshipCode} onChange={(e) => setDraft({ ...draft, townshipCode: e.target.value, villageCode: '' })} data-testid="post-township">
            {townships.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
          </select>
          <select aria-label="村" value={draft.villageCode} onChange={(e) => setDraft({ ...draft, villageCode: e.target.value })} data-testid="post-village">
            <option value="">请选择村</option>
            {villages.map((v) => <option key={v.code} value={v.code}>{v.displayName}</option>)}
          </select>
          <select aria-label="岗位类型" value={draft.postType} onChange={(e) => setDraft({ ...draft, postType: e.target.value })} data-testid="post-type">
            {POST_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
          <input aria-label="用工单位" placeholder={village ? defaultEmployingUnit(village.name) : '用工单位（默认村委会）'} value={draft.employingUnit}
            onChange={(e) => setDraft({ ...draft, employingUnit: e.target.value })} data-testid="post-unit" />
          <button onClick={addPost} disabled={!draft.villageCode} data-testid="post-add">新增岗位</button>
        </div>
      )}
      <div className="grid" data-testid="posts-grid" {...clipboard.containerProps}>
        <AgGridReact<PostView>
          theme={gridTheme}
          localeText={gridLocale(search ? '没有符合搜索条件的岗位：请换个关键词，或清空搜索框' : '没有符合筛选条件的岗位：请清除列上的筛选')}
          rowData={posts}
          columnDefs={columns}
          defaultColDef={{ sortable: true, resizable: true, ...clipboard.colDefProps }}
          getRowId={(p) => String(p.data.id)}
          onGridReady={(e) => { gridApi.current = e.api; }}
          quickFilterText={search}
          animateRows={false}
          onRowClicked={(e) => e.data && setHistoryOf(e.data.id)}
          overlayNoRowsTemplate={search ? '没有符合搜索条件的岗位：请换个关键词，或清空搜索框' : `${year}年尚未开发岗位：在上方“新增岗位”中选择乡镇、村和岗位类型后新增`}
        />
      </div>
      <p className="muted hint">单击一行查看岗位履历（历任在岗人员及上岗、退岗、补岗日期）。</p>
      </div>
      </div>
      {historyOf !== null && <PostHistory postId={historyOf} onClose={() => setHistoryOf(null)} />}
      {planning && <PlanDialog year={year} township={planning} onCancel={() => setPlanning(null)} onSave={(n) => savePlan(planning.code, planning.name, n)} />}
    </section>
  );
}

/** 调整计划: a township's planned posts for the year; empty means the township has no plan of its own. */
function PlanDialog({ year, township, onCancel, onSave }: {
  year: number; township: { name: string; current: number | null }; onCancel(): void; onSave(plannedPosts: number | null): Promise<string | null>;
}) {
  const [text, setText] = useState(township.current === null ? '' : String(township.current));
  const [failure, setFailure] = useState<string | null>(null);
  const value = text.trim() === '' ? null : Number(text.trim());
  const invalid = value !== null && (!Number.isInteger(value) || value < 0);
  const submit = async () => { if (!invalid) setFailure(await onSave(value)); };
  return (
    <Dialog label="调整计划" size="narrow" testId="plan-dialog" onClose={onCancel} onSubmit={() => void submit()}>
      <h2>调整计划：{township.name}{year}年</h2>
      <label className="field"><span className="field-label">计划岗位数（留空表示不单独设定，只受全县计划约束）</span>
        <input value={text} onChange={(e) => { setText(e.target.value); setFailure(null); }} inputMode="numeric" autoFocus data-testid="plan-input" />
        {invalid && <span className="field-error">计划岗位数应为0或正整数</span>}
      </label>
      {failure && <div className="banner error" role="alert" data-testid="plan-failure">{failure}</div>}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>取消</button>
        <button type="submit" disabled={invalid} data-testid="plan-save">保存</button>
      </div>
    </Dialog>
  );
}
