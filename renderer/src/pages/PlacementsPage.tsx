// 上岗安置: the year's placements; placing a person (上岗), ending a placement (退岗), placing a replacement
// on the same post (补岗), the post's history; and R3 花名册 with its 公示 version for a month.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import type { PlacementView } from '../../../shared/contract/schemas';
import { EXIT_REASONS } from '../../../shared/domain/posts';
import { formatYuan } from '../../../shared/domain/money';
import { addDays } from '../../../shared/domain/dates';
import { clampToWindow } from '../../../shared/domain/placement';
import { call } from '../api';
import type { AppInfo } from '../App';
import { downloadBase64 } from '../download';
import { gridLocale, gridTheme } from '../grid-theme';
import { Dialog } from '../components/Dialog';
import { count } from '../format';
import { PlaceDialog } from '../components/PlaceDialog';
import { PostHistory } from '../components/PostHistory';
import { YearSelect, latestYear } from '../components/YearSelect';
import { localDate } from '../../../shared/domain/dates';
import { useFilterSettled } from '../filter-settled';
import { useGridClipboard } from '../grid-clipboard';
import { DateField, MonthField } from '../components/DateField';

type Message = { kind: 'info' | 'error'; text: string } | null;

export function PlacementsPage({ info }: { info: AppInfo }) {
  const [year, setYear] = useState(() => latestYear(info));
  const policy = info.policies.find((p) => p.year === year);
  const [placements, setPlacements] = useState<PlacementView[] | null>(null);
  const [selected, setSelected] = useState<PlacementView | null>(null);
  const [dialog, setDialog] = useState<'place' | 'replace' | 'exit' | null>(null);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const [message, setMessage] = useState<Message>(null);
  const [month, setMonth] = useState(() => (policy ? clampToWindow(policy, localDate()).slice(0, 7) : localDate().slice(0, 7)));
  const [exit, setExit] = useState({ date: '', reason: '本人申请' });
  const [search, setSearch] = useState('');
  const editor = info.user.role !== 'manager';
  const filter = useFilterSettled(search);

  // A new placement is scrolled to and selected once the list holds it.
  const gridApi = useRef<GridApi<PlacementView> | null>(null);
  const clipboard = useGridClipboard<PlacementView>({ api: gridApi });
  const showPlacement = useRef<number | null>(null);
  const showNew = useCallback(() => {
    const api = gridApi.current;
    const node = showPlacement.current === null ? undefined : api?.getRowNode(String(showPlacement.current));
    if (!api || !node) return;
    if (node.rowIndex === null) { setSearch(''); return; }
    showPlacement.current = null;
    api.ensureNodeVisible(node, 'middle');
    node.setSelected(true, true);
    if (node.data) setSelected(node.data);
  }, []);
  const placed = (text: string, placementId: number) => { setDialog(null); setMessage({ kind: 'info', text }); showPlacement.current = placementId; load(); };

  const load = useCallback(() => {
    call('placements.list', { year })
      .then((list) => {
        setPlacements(list);
        setSelected((current) => (current ? list.find((p) => p.id === current.id) ?? null : null));
      })
      .catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, [year]);
  useEffect(load, [load]);

  const columns = useMemo<ColDef<PlacementView>[]>(() => [
    { field: 'name', headerName: '姓名', width: 95, pinned: 'left' },
    { field: 'idMasked', headerName: '身份证号', width: 185 },
    { field: 'ageOnStart', headerName: '上岗年龄', width: 95 },
    { field: 'townshipName', headerName: '乡镇', width: 105, filter: true },
    { field: 'villageName', headerName: '村', width: 120, filter: true },
    { field: 'postType', headerName: '岗位类型', width: 115, filter: true },
    { field: 'startDate', headerName: '上岗日期', width: 115 },
    { field: 'agreementEndDate', headerName: '协议截止', width: 115 },
    { field: 'exitDate', headerName: '退岗日期', width: 115 },
    { field: 'exitReason', headerName: '退岗原因', width: 110, filter: true },
    { field: 'subsidyFen', headerName: '月补贴（元）', width: 115, valueFormatter: (p) => (typeof p.value === 'number' ? formatYuan(p.value) : ''), type: 'rightAligned' },
    { field: 'status', headerName: '状态', width: 95, filter: true },
    { colId: 'note', headerName: '备注', width: 220, valueGetter: (p) => [p.data?.replacesName ? `补岗，接替${p.data.replacesName}` : '', p.data?.confirmedWarnings.includes('AGE_CONFIRM') ? '65岁以上已确认' : ''].filter(Boolean).join('；') },
  ], []);

  async function saveExit() {
    if (!selected) return;
    try {
      const after = await call('placements.exit', { placementId: selected.id, exitDate: exit.date, reason: exit.reason });
      setDialog(null);
      setMessage({ kind: 'info', text: `已退岗：${after.name}，${after.exitDate}（${after.exitReason}）；该岗位${addDays(after.exitDate!, 1)}起空缺，可补岗` });
      load();
      setHistoryKey((k) => k + 1);
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  async function exportR3(version: 'full' | 'public') {
    try {
      const file = await call('reports.r3', { month, version });
      downloadBase64(file.fileName, file.base64);
      setMessage({ kind: 'info', text: `已导出${version === 'public' ? '公示版' : '花名册'}：${file.fileName}（${file.rows}人）` });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  const defaultStart = policy ? clampToWindow(policy, localDate()) : localDate();
  const counts = placements ? { onPost: placements.filter((p) => p.status === '在岗').length, exited: placements.filter((p) => p.status === '已退岗').length } : null;
  return (
    <section className="placements-page page">
      <div className="toolbar">
        <h1>上岗安置</h1>
        <YearSelect info={info} year={year} onChange={(y) => { setYear(y); setSelected(null); setHistoryOf(null); }} />
        <input className="search" type="search" placeholder="搜索姓名、身份证号、村" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="placements-search" aria-label="搜索" />
        {counts && <span className="count" data-testid="placements-count">共 {count(placements!.length)} 条安置，在岗 {count(counts.onPost)} 人，已退岗 {count(counts.exited)} 人</span>}
        <span className="spacer" />
        {editor && <button onClick={() => setDialog('place')} data-testid="place-open">上岗安置</button>}
        {editor && <button className="secondary" disabled={!selected || selected.exitDate !== null} onClick={() => { setExit({ date: '', reason: '本人申请' }); setDialog('exit'); }} data-testid="exit-open">退岗</button>}
        {editor && <button className="secondary" disabled={!selected || selected.exitDate === null} onClick={() => setDialog('replace')} data-testid="replace-open">补岗</button>}
        <button className="secondary" disabled={!selected} onClick={() => selected && setHistoryOf(selected.postId)} data-testid="history-open">岗位履历</button>
      </div>
      <div className="toolbar">
        <label className="inline-field">花名册月份 <MonthField value={month} onChange={setMonth} testId="r3-month" /></label>
        <button className="secondary" onClick={() => exportR3('full')} data-testid="r3-export">导出花名册（R3）</button>
        <button className="secondary" onClick={() => exportR3('public')} data-testid="r3-export-public">导出公示版</button>
        {selected && <span className="muted" data-testid="selected-placement">已选：{selected.name}，{selected.villageName}{selected.postType}，{selected.status}</span>}
      </div>
      {message && <div className={`banner ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="placements-message">{message.text}</div>}
      <div className="grid grid-short" data-testid="placements-grid" data-filter-settled={filter.settled} {...clipboard.containerProps}>
        <AgGridReact<PlacementView>
          theme={gridTheme}
          localeText={gridLocale('没有符合搜索条件的安置：请换个关键词，或清空搜索框')}
          rowData={placements}
          columnDefs={columns}
          defaultColDef={{ sortable: true, resizable: true, ...clipboard.colDefProps }}
          getRowId={(p) => String(p.data.id)}
          quickFilterText={search}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          animateRows={false}
          onRowClicked={(e) => e.data && setSelected(e.data)}
          onGridReady={(e) => { gridApi.current = e.api; }}
          onModelUpdated={() => { filter.onModelUpdated(); showNew(); }}
          overlayNoRowsTemplate="本年度还没有安置：点“上岗安置”为空缺岗位安排人员，或在“数据导入”中导入岗位花名册"
        />
      </div>
      {historyOf !== null && <PostHistory postId={historyOf} refreshKey={historyKey} onClose={() => setHistoryOf(null)} />}

      {dialog === 'place' && (
        <PlaceDialog year={year} defaultStart={defaultStart} onCancel={() => setDialog(null)} onPlaced={placed} />
      )}
      {dialog === 'replace' && selected?.exitDate && (
        <PlaceDialog year={year} defaultStart={defaultStart} replacing={{ postId: selected.postId, name: selected.name, startDate: addDays(selected.exitDate, 1) }}
          onCancel={() => setDialog(null)} onPlaced={(text, id) => { placed(text, id); setHistoryKey((k) => k + 1); }} />
      )}
      {dialog === 'exit' && selected && (
        <Dialog label="退岗" size="narrow" testId="exit-dialog" onClose={() => setDialog(null)}>
            <h2>退岗：{selected.name}</h2>
            <p className="muted">{selected.villageName}{selected.postType}，{selected.startDate} 上岗，协议至 {selected.agreementEndDate}。退岗日期为最后一个工作日，岗位次日起空缺。</p>
            <div className="form-grid">
              <label className="field"><span className="field-label">退岗日期<em>*</em></span>
                <DateField value={exit.date} min={selected.startDate} max={selected.agreementEndDate} onChange={(date) => setExit({ ...exit, date })} testId="exit-date" /></label>
              <label className="field"><span className="field-label">退岗原因<em>*</em></span>
                <select value={exit.reason} onChange={(e) => setExit({ ...exit, reason: e.target.value })} data-testid="exit-reason">
                  {EXIT_REASONS.map((r) => <option key={r} value={r}>{r}</option>)}
                </select></label>
            </div>
            <div className="dialog-actions">
              <button className="secondary" onClick={() => setDialog(null)}>取消</button>
              <button onClick={saveExit} disabled={!exit.date} data-testid="exit-save">确认退岗</button>
            </div>
        </Dialog>
      )}
    </section>
  );
}
