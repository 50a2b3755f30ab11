// 人员台账: every person of the county in one grid, with quick search (name, any part of the ID, pinyin
// initials), a live row count, export of the current view, and the add/edit dialog.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, ICellRendererParams, IRowNode, RowDoubleClickedEvent } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { ChannelOutput, PersonView } from '../../../shared/contract/schemas';
import { peopleRowMaker, peopleRows, type GridPerson } from '../people-rows';
import { call } from '../api';
import type { Townships } from '../App';
import { PersonDialog } from '../components/PersonDialog';
import { downloadBase64 } from '../download';
import { gridTheme as theme } from '../grid-theme';
import { useMayCall } from '../session';
import { useFilterSettled } from '../filter-settled';

/** Digits that look like part of an ID number: matched by the engine when the grid only has masked IDs. */
const ID_FRAGMENT = /^[0-9Xx]{4,18}$/;


interface Props { townships: Townships; countyName: string; takePrefetch?: () => Promise<ChannelOutput<'people.list'>> | undefined }

export function PeoplePage({ townships, countyName, takePrefetch }: Props) {
  const [people, setPeople] = useState<GridPerson[] | null>(null);
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(0);
  const [editing, setEditing] = useState<PersonView | 'new' | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const gridApi = useRef<GridApi<GridPerson> | null>(null);
  const toGridRow = useMemo(() => peopleRowMaker(townships), [townships]);
  const mayEdit = useMayCall('people.save');
  const mayReveal = useMayCall('people.reveal');
  const [revealed, setRevealed] = useState<Record<number, string>>({});
  const [idMatches, setIdMatches] = useState<Set<number> | null>(null);
  // The fragment the engine's matches answer: until they answer the current one, the filter is not settled.
  const [matchedFragment, setMatchedFragment] = useState<string | null>(null);
  const masked = people !== null && people.length > 0 && people[0]!.idNumber.includes('*');
  const searchByEngine = masked && ID_FRAGMENT.test(search.trim());

  // Masked rows cannot be searched by ID digits in the page: ask the engine which rows match.
  useEffect(() => {
    if (!searchByEngine) { setIdMatches(null); return; }
    const timer = setTimeout(() => {
      const fragment = search.trim();
      call('people.matchId', { fragment }).then((r) => { setIdMatches(new Set(r.ids)); setMatchedFragment(fragment); }).catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
    }, 200);
    return () => clearTimeout(timer);
  }, [search, searchByEngine]);
  // The quick search is one substring test per row over a precomputed text: 100,000 rows in milliseconds.
  const searchFilter = useRef<((p: GridPerson) => boolean) | null>(null);
  useEffect(() => {
    const text = search.trim().toLowerCase();
    searchFilter.current = !text ? null
      : searchByEngine ? (idMatches ? (p) => idMatches.has(p.id) : null)
      : (p) => p.searchText.includes(text);
    gridApi.current?.onFilterChanged();
  }, [search, searchByEngine, idMatches]);

  async function reveal(person: GridPerson) {
    try {
      const { value } = await call('people.reveal', { id: person.id, field: 'idNumber' });
      setRevealed((r) => ({ ...r, [person.id]: value }));
    } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  }

  async function edit(person: GridPerson) {
    if (!mayEdit) return;
    try {
      // The list carries only what the grid shows; the form loads the whole record (logged for administrators).
      setEditing(await call('people.get', { id: person.id }));
    } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  }

  const load = useCallback(() => {
    const list = takePrefetch?.() ?? call('people.list', {});
    list.then((l) => setPeople(peopleRows(l, townships))).catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, [townships, takePrefetch]);
  useEffect(load, [load]);

  const columns = useMemo<ColDef<GridPerson>[]>(() => [
    { field: 'name', headerName: '姓名', pinned: 'left', width: 100 },
    {
      field: 'idMasked', headerName: '身份证号', pinned: 'left', width: 215,
      cellRenderer: (p: ICellRendererParams<GridPerson>) => {
        const person = p.data;
        if (!person) return null;
        const full = revealed[person.id];
        return (
          <span data-testid="id-cell">
            {full ?? person.idMasked}
            {!full && mayReveal && <button className="reveal-link" onClick={() => reveal(person)} data-testid="reveal-id" title="查看完整号码（会记录在审计日志中）">显示</button>}
          </span>
        );
      },
    },
    { field: 'sex', headerName: '性别', width: 70, filter: true },
    { field: 'age', headerName: '年龄', width: 80, filter: 'agNumberColumnFilter' },
    { field: 'townshipName', headerName: '乡镇', width: 110, filter: true },
    { field: 'villageName', headerName: '村', width: 120, filter: true },
    { field: 'householdNo', headerName: '户编号', width: 170 },
    { field: 'relation', headerName: '与户主关系', width: 110, filter: true },
    { field: 'category', headerName: '人员类别', width: 130, filter: true },
    { field: 'labourAbility', headerName: '劳动能力', width: 150, filter: true },
    { field: 'phone', headerName: '联系电话', width: 130 },
    { field: 'cardMasked', headerName: '社保卡号', width: 190 },
    { field: 'bank', headerName: '开户银行', width: 150, filter: true },
    { field: 'remark', headerName: '备注', width: 160 },
  ], [revealed, mayReveal]);

  const filter = useFilterSettled(searchByEngine && matchedFragment !== search.trim() ? null : search);
  const { onModelUpdated: filterApplied } = filter;
  const updateCount = useCallback(() => { setShown(gridApi.current?.getDisplayedRowCount() ?? 0); filterApplied(); }, [filterApplied]);

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

  function onSaved(saved: PersonView, isNew: boolean) {
    setEditing(null);
    const person = toGridRow(saved);
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
        {mayEdit && <button onClick={() => setEditing('new')} data-testid="person-add">新增人员</button>}
        <button onClick={exportView} disabled={!people} data-testid="people-export">导出当前视图</button>
      </div>
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="people-message">{message.text}</div>}
      <div className="grid" data-testid="people-grid" data-filter-settled={filter.settled}>
        <AgGridReact<GridPerson>
          theme={theme}
          localeText={AG_GRID_LOCALE_CN}
          rowData={people}
          columnDefs={columns}
          defaultColDef={{ sortable: true, resizable: true }}
          getRowId={(p) => String(p.data.id)}
          isExternalFilterPresent={() => searchFilter.current !== null}
          doesExternalFilterPass={(node: IRowNode<GridPerson>) => (node.data ? searchFilter.current?.(node.data) ?? true : false)}
          animateRows={false}
          onGridReady={(e) => { gridApi.current = e.api; }}
          onModelUpdated={updateCount}
          onRowDoubleClicked={(e: RowDoubleClickedEvent<GridPerson>) => { if (e.data) void edit(e.data); }}
          overlayNoRowsTemplate="没有符合条件的人员"
        />
      </div>
      <p className="muted hint">{mayEdit ? '双击一行可修改；' : ''}{countyName}的人员按乡镇、村、户排列。{mayReveal ? '身份证号默认隐藏中间八位，点“显示”可查看完整号码（会记入审计日志）。' : ''}</p>
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
