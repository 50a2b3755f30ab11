// 人员台账: every person of the county in one grid, with quick search (name, any part of the ID, pinyin
// initials), a live row count, export of the current view, and the add/edit dialog.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, RowDoubleClickedEvent } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { PersonView } from '../../../shared/contract/schemas';
import { call } from '../api';
import type { Townships } from '../App';
import { PersonDialog } from '../components/PersonDialog';
import { downloadBase64 } from '../download';
import { gridTheme as theme } from '../grid-theme';


export function PeoplePage({ townships, countyName }: { townships: Townships; countyName: string }) {
  const [people, setPeople] = useState<PersonView[] | null>(null);
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(0);
  const [editing, setEditing] = useState<PersonView | 'new' | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const gridApi = useRef<GridApi<PersonView> | null>(null);

  const load = useCallback(() => {
    call('people.list', {}).then(setPeople).catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, []);
  useEffect(load, [load]);

  const columns = useMemo<ColDef<PersonView>[]>(() => [
    { field: 'name', headerName: '姓名', pinned: 'left', width: 100, getQuickFilterText: (p) => `${p.data?.name ?? ''} ${p.data?.nameInitials ?? ''}` },
    { field: 'idMasked', headerName: '身份证号', pinned: 'left', width: 190, getQuickFilterText: (p) => p.data?.idNumber ?? '' },
    { field: 'sex', headerName: '性别', width: 70, filter: true },
    { field: 'age', headerName: '年龄', width: 80, filter: 'agNumberColumnFilter' },
    { field: 'townshipName', headerName: '乡镇', width: 110, filter: true },
    { field: 'villageName', headerName: '村', width: 120, filter: true },
    { field: 'householdNo', headerName: '户编号', width: 170 },
    { field: 'relation', headerName: '与户主关系', width: 110, filter: true },
    { field: 'category', headerName: '人员类别', width: 130, filter: true },
    { field: 'labourAbility', headerName: '劳动能力', width: 150, filter: true },
    { field: 'phone', headerName: '联系电话', width: 130 },
    { field: 'cardMasked', headerName: '社保卡号', width: 190, getQuickFilterText: () => '' },
    { field: 'bank', headerName: '开户银行', width: 150, filter: true },
    { field: 'remark', headerName: '备注', width: 160 },
  ], []);

  const updateCount = useCallback(() => setShown(gridApi.current?.getDisplayedRowCount() ?? 0), []);

  async function exportView() {
    const api = gridApi.current;
    if (!api) return;
    const ids: number[] = [];
    api.forEachNodeAfterFilterAndSort((node) => { if (node.data) ids.push(node.data.id); });
    try {
      const file = await call('people.export', { ids });
      downloadBase64(file.fileName, file.base64);
      setMessage({ kind: 'info', text: `已导出 ${file.rows} 人：${file.fileName}` });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  function onSaved(person: PersonView, isNew: boolean) {
    setEditing(null);
    setPeople((current) => {
      const list = current ?? [];
      return isNew ? [...list, person] : list.map((p) => (p.id === person.id ? person : p));
    });
    setMessage({ kind: 'info', text: `${isNew ? '已新增' : '已保存'}：${person.name}` });
  }

  return (
    <section className="people-page">
      <div className="toolbar">
        <h1>人员台账</h1>
        <input
          className="search" type="search" placeholder="搜索姓名、身份证号或拼音首字母（如 zsf）" value={search}
          onChange={(e) => setSearch(e.target.value)} data-testid="people-search" aria-label="搜索"
        />
        <span className="count" data-testid="people-count">
          {people === null ? '加载中…' : `共 ${people.length.toLocaleString('zh-CN')} 人，当前显示 ${shown.toLocaleString('zh-CN')} 人`}
        </span>
        <span className="spacer" />
        <button onClick={() => setEditing('new')} data-testid="person-add">新增人员</button>
        <button onClick={exportView} disabled={!people} data-testid="people-export">导出当前视图</button>
      </div>
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="people-message">{message.text}</div>}
      <div className="grid" data-testid="people-grid">
        <AgGridReact<PersonView>
          theme={theme}
          localeText={AG_GRID_LOCALE_CN}
          rowData={people}
          columnDefs={columns}
          defaultColDef={{ sortable: true, resizable: true }}
          getRowId={(p) => String(p.data.id)}
          quickFilterText={search}
          cacheQuickFilter
          animateRows={false}
          onGridReady={(e) => { gridApi.current = e.api; }}
          onModelUpdated={updateCount}
          onRowDoubleClicked={(e: RowDoubleClickedEvent<PersonView>) => e.data && setEditing(e.data)}
          overlayNoRowsTemplate="没有符合条件的人员"
        />
      </div>
      <p className="muted hint">双击一行可修改；{countyName}的人员按乡镇、村、户排列。</p>
      {editing && (
        <PersonDialog
          person={editing === 'new' ? null : editing}
          townships={townships}
          onCancel={() => setEditing(null)}
          onSaved={onSaved}
        />
      )}
    </section>
  );
}
