// 人员台账: every person of the county in one grid, with quick search (name, any part of the ID, pinyin
// initials), a live row count, export of the current view, and the add/edit dialog.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, ICellRendererParams, IRowNode, RowDoubleClickedEvent } from 'ag-grid-community';
import type { ChannelOutput, PersonView } from '../../../shared/contract/schemas';
import { peopleRowMaker, peopleRows, type GridPerson } from '../people-rows';
import { call } from '../api';
import type { Townships } from '../App';
import { PersonDialog } from '../components/PersonDialog';
import { downloadBase64 } from '../download';
import { gridLocale, gridTheme as theme } from '../grid-theme';
import { useMayCall } from '../session';
import { count } from '../format';

/** Rows asked for first: a screen and more, so scrolling a little never waits. */
export const FIRST_SCREEN = 500;
import { useFilterSettled } from '../filter-settled';
import { useGridClipboard } from '../grid-clipboard';

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
  const clipboard = useGridClipboard<GridPerson>({ api: gridApi });
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

  // The first screen of rows first, then the rest in one more call: 100,000 people show in a fraction of
  // the time the whole list takes to arrive; the search works on what has arrived and then on all.
  const [total, setTotal] = useState<number | null>(null);
  const load = useCallback(() => {
    let cancelled = false;
    const first = takePrefetch?.() ?? call('people.list', { limit: FIRST_SCREEN });
    first.then(async (l) => {
      if (cancelled) return;
      const head = peopleRows(l, townships);
      setPeople(head);
      setTotal(l.total);
      if (l.total <= head.length) return;
      const rest = await call('people.list', { offset: head.length });
      if (cancelled) return;
      const more = peopleRows(rest, townships);
      setPeople((current) => {
        // A person added meanwhile is in both: keep one.
        const have = new Set((current ?? head).map((p) => p.id));
        return [...(current ?? head), ...more.filter((p) => !have.has(p.id))];
      });
    }).catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
    return () => { cancelled = true; };
  }, [townships, takePrefetch]);
  useEffect(load, [load]);
  const loading = people !== null && total !== null && people.length < total;

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

  // Settled = the grid shows this search over every row loaded so far: the list arrives in chunks, and the
  // count under "当前显示" follows the grid one model update after the last chunk (a test read in between saw 500).
  const filter = useFilterSettled(searchByEngine && matchedFragment !== search.trim() ? null : JSON.stringify([search, people?.length ?? 0]));
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

  // A saved person is scrolled to and selected: a new one lands at the end of 9,000 rows otherwise unseen.
  const [shownPerson, setShownPerson] = useState<number | null>(null);
  const showSavedPerson = useCallback(() => {
    const api = gridApi.current;
    const node = shownPerson === null ? undefined : api?.getRowNode(String(shownPerson));
    if (!api || !node) return;
    // Hidden by the search: clear it so the person can be seen.
    if (node.rowIndex === null) { setSearch(''); return; }
    api.ensureNodeVisible(node, 'middle');
    node.setSelected(true, true);
    api.setFocusedCell(node.rowIndex, 'name');
    setShownPerson(null);
  }, [shownPerson]);
  useEffect(showSavedPerson, [people, showSavedPerson, search]);

  function onSaved(saved: PersonView, isNew: boolean) {
    setEditing(null);
    setShownPerson(saved.id);
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
          {people === null ? '加载中…' : `共 ${count(total ?? people.length)} 人，当前显示 ${count(shown)} 人${loading ? `（已载入 ${count(people.length)} 人，其余正在载入…）` : ''}`}
        </span>
        <span className="spacer" />
        {mayEdit && <button onClick={() => setEditing('new')} data-testid="person-add">新增人员</button>}
        <button onClick={exportView} disabled={!people || loading} title={loading ? '全部人员载入后可导出' : undefined} data-testid="people-export">导出当前视图</button>
      </div>
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="people-message">{message.text}</div>}
      <div className="grid" data-testid="people-grid" data-filter-settled={filter.settled} {...clipboard.containerProps}>
        <AgGridReact<GridPerson>
          theme={theme}
          localeText={gridLocale('没有符合条件的人员：请换个关键词（姓名、身份证号或拼音首字母），或清除列上的筛选')}
          rowData={people}
          columnDefs={columns}
          defaultColDef={{ sortable: true, resizable: true, ...clipboard.colDefProps }}
          getRowId={(p) => String(p.data.id)}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          isExternalFilterPresent={() => searchFilter.current !== null}
          doesExternalFilterPass={(node: IRowNode<GridPerson>) => (node.data ? searchFilter.current?.(node.data) ?? true : false)}
          animateRows={false}
          onGridReady={(e) => { gridApi.current = e.api; }}
          onModelUpdated={() => { updateCount(); showSavedPerson(); }}
          onRowDoubleClicked={(e: RowDoubleClickedEvent<GridPerson>) => { if (e.data) void edit(e.data); }}
          overlayNoRowsTemplate="人员台账还是空的：点右上角“新增人员”逐个登记，或在“数据导入”中导入乡镇报来的花名册"
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
