// Excel-like copy and paste for every AG Grid (community has no clipboard module and no range selection).
// A small range model of our own: a click picks a cell, Shift+click or Shift+arrow extends a block from it
// (drawn with the cell class `cell-in-block`). Ctrl+C copies the block, or the focused cell, as tab/newline
// text; Ctrl+V pastes a block copied from Excel or WPS at the block's top-left (one value fills the block).
// Every pasted cell goes through the screen's own check — the one typing uses — and the accepted cells are
// saved together; refused cells are marked in the grid and listed in one summary line.
import { useCallback, useMemo, useRef, type ClipboardEvent as ReactClipboardEvent, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { CellClassParams, Column, GridApi, IRowNode, SuppressKeyboardEventParams } from 'ag-grid-community';
import { clipboardTableText, parseClipboardTable } from '../../shared/domain/clipboard-table';
import { count } from './format';

export interface PastedCell<T> { node: IRowNode<T>; colId: string; raw: string }
export interface AcceptedCell<T> extends PastedCell<T> { value: unknown }
export interface RefusedCell<T> extends PastedCell<T> { reason: string }
/** What the check of one typed or pasted value says: the value to save (maybe with a doubt), or why not. */
export type CellCheck = { ok: true; value: unknown; warning?: string | null } | { ok: false; reason: string };
export type CellNote = { kind: 'refused' | 'warning'; text: string };
export type MessageKind = 'info' | 'warning' | 'error';

/** How an editable grid takes pasted values. */
export interface PasteRules<T> {
  /** Why this cell takes no value now (a locked month, a post holder's status), or null. Default: the column's `editable`. */
  whyLocked?(node: IRowNode<T>, colId: string): string | null;
  /** The same check as typing, for one value as text. */
  check(node: IRowNode<T>, colId: string, raw: string): CellCheck;
  /** Saves the accepted cells (in as few calls as the engine allows) and returns those the engine refused. */
  save(cells: AcceptedCell<T>[]): Promise<RefusedCell<T>[]>;
  /** Whose cell it is, for the summary (a person's name). */
  rowLabel(node: IRowNode<T>): string;
  /** The summary line: what was saved, what was refused and why. */
  report(kind: MessageKind, text: string): void;
}

interface Options<T> {
  api: RefObject<GridApi<T> | null>;
  /** Rows a pasted line lands on (subtotal rows are stepped over, as a clerk expects). */
  isPasteRow?(node: IRowNode<T>): boolean;
  /** Absent for a read-only grid: it only copies. */
  paste?: PasteRules<T>;
}

interface Block { fromRow: number; toRow: number; fromCol: string; toCol: string }

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
const noteKey = (rowId: string | undefined, colId: string) => `${rowId ?? ''}\u0000${colId}`;
const isSingle = (b: Block) => b.fromRow === b.toRow && b.fromCol === b.toCol;

/** "已粘贴16格。4格未接受（表中标红）：张三（第3行）“40”：…" — one line a clerk can act on. */
export function pasteSummary(saved: number, refused: string[], warnings: string[], extra: number): { kind: MessageKind; text: string } {
  const all = extra > 0 ? [...refused, `另有${count(extra)}个值超出表格范围，未粘贴`] : refused;
  const text = [
    `已粘贴${count(saved)}格`,
    refused.length ? `${count(refused.length)}格未接受（表中标红）：${all.slice(0, 5).join('；')}${all.length > 5 ? '；……' : ''}` : extra > 0 ? all[0]! : '',
    warnings.length ? `${count(warnings.length)}格请核对（表中标黄）：${warnings.slice(0, 3).join('；')}${warnings.length > 3 ? '；……' : ''}` : '',
  ].filter(Boolean).join('。');
  return { kind: refused.length || extra ? 'error' : warnings.length ? 'warning' : 'info', text };
}

export function useGridClipboard<T>({ api, isPasteRow = () => true, paste }: Options<T>) {
  const block = useRef<Block | null>(null);
  const notes = useRef(new Map<string, CellNote>());
  const rules = useRef(paste);
  rules.current = paste;
  const pasteRow = useRef(isPasteRow);
  pasteRow.current = isPasteRow;

  const columnsBetween = (grid: GridApi<T>, from: string, to: string): Column[] => {
    const columns = grid.getAllDisplayedColumns();
    const a = columns.findIndex((c) => c.getColId() === from);
    const b = columns.findIndex((c) => c.getColId() === to);
    if (a < 0 || b < 0) return [];
    return columns.slice(Math.min(a, b), Math.max(a, b) + 1);
  };

  const setBlock = useCallback((next: Block | null) => {
    const before = block.current;
    block.current = next;
    // Redraw only when a highlighted block appears, changes or goes away: a plain click costs nothing.
    if ((before && !isSingle(before)) || (next && !isSingle(next))) api.current?.refreshCells({ force: true });
  }, [api]);

  /** The block when the focused cell lies in it, else the focused cell alone. */
  const currentArea = useCallback((grid: GridApi<T>): Block | null => {
    const focused = grid.getFocusedCell();
    if (!focused) return null;
    const b = block.current;
    const colIds = b ? columnsBetween(grid, b.fromCol, b.toCol).map((c) => c.getColId()) : [];
    if (b && focused.rowIndex >= Math.min(b.fromRow, b.toRow) && focused.rowIndex <= Math.max(b.fromRow, b.toRow) && colIds.includes(focused.column.getColId())) return b;
    return { fromRow: focused.rowIndex, toRow: focused.rowIndex, fromCol: focused.column.getColId(), toCol: focused.column.getColId() };
  }, []);

  /** The cell under the mouse, read from the grid's own attributes (pinned parts share a row's index). */
  const cellAt = (target: EventTarget | null): { row: number; col: string } | null => {
    const cell = (target as HTMLElement | null)?.closest?.('.ag-cell');
    const row = cell?.closest('.ag-row')?.getAttribute('row-index');
    const col = cell?.getAttribute('col-id');
    return cell && row !== null && row !== undefined && col ? { row: Number(row), col } : null;
  };

  // Shift+click extends the block and is kept from the grid (which would move the focus or open an editor:
  // it listens to pointerdown, then mousedown and click); a plain click starts a new block at the clicked cell.
  const onPointerDownCapture = useCallback((e: ReactPointerEvent) => {
    const at = cellAt(e.target);
    if (!at || e.button !== 0) return;
    const area = e.shiftKey && api.current ? currentArea(api.current) : null;
    if (area) {
      e.stopPropagation();
      setBlock({ ...area, toRow: at.row, toCol: at.col });
      return;
    }
    setBlock({ fromRow: at.row, toRow: at.row, fromCol: at.col, toCol: at.col });
  }, [api, currentArea, setBlock]);
  const keepShiftClick = useCallback((e: ReactMouseEvent) => {
    if (e.shiftKey && cellAt(e.target)) { e.preventDefault(); e.stopPropagation(); }
  }, []);

  // Shift+arrow grows the block from the focused cell, which keeps the focus (as in Excel); a plain move
  // leaves the block behind.
  const onKeyDown = useCallback((e: ReactKeyboardEvent) => {
    const grid = api.current;
    const step = ARROWS[e.key];
    if (!grid || grid.getEditingCells().length > 0) return;
    if (!step || !e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) {
      if ((step || e.key === 'Tab' || e.key === 'Enter' || e.key.startsWith('Page')) && block.current && !isSingle(block.current)) setBlock(null);
      return;
    }
    const area = currentArea(grid);
    if (!area) return;
    e.preventDefault();
    const columns = grid.getAllDisplayedColumns();
    const col = Math.min(columns.length - 1, Math.max(0, columns.findIndex((c) => c.getColId() === area.toCol) + step[1]));
    const row = Math.min(grid.getDisplayedRowCount() - 1, Math.max(0, area.toRow + step[0]));
    const toCol = columns[col]!.getColId();
    setBlock({ ...area, toRow: row, toCol });
    grid.ensureIndexVisible(row);
    grid.ensureColumnVisible(toCol);
  }, [api, currentArea, setBlock]);

  const onCopy = useCallback((e: ReactClipboardEvent) => {
    const grid = api.current;
    if (!grid || grid.getEditingCells().length > 0) return;
    const area = currentArea(grid);
    if (!area) return;
    const columns = columnsBetween(grid, area.fromCol, area.toCol);
    const rows: string[][] = [];
    for (let i = Math.min(area.fromRow, area.toRow); i <= Math.max(area.fromRow, area.toRow); i++) {
      const node = grid.getDisplayedRowAtIndex(i);
      if (!node) continue;
      rows.push(columns.map((c) => {
        const value: unknown = grid.getCellValue({ rowNode: node, colKey: c, useFormatter: true });
        return value === null || value === undefined ? '' : String(value);
      }));
    }
    e.clipboardData.setData('text/plain', clipboardTableText(rows));
    e.preventDefault();
  }, [api, currentArea]);

  const refreshNoted = useCallback((nodes: IRowNode<T>[]) => {
    api.current?.refreshCells({ rowNodes: nodes, force: true });
  }, [api]);

  /** Marks (or clears) one cell: typing and pasting mark cells the same way. */
  const note = useCallback((node: IRowNode<T> | null, colId: string, value: CellNote | null) => {
    if (!node) return;
    if (value) notes.current.set(noteKey(node.id, colId), value); else notes.current.delete(noteKey(node.id, colId));
    refreshNoted([node]);
  }, [refreshNoted]);
  const clearNotes = useCallback(() => { notes.current.clear(); api.current?.refreshCells({ force: true }); }, [api]);
  const noteOf = useCallback((node: IRowNode<T> | null | undefined, colId: string) => (node ? notes.current.get(noteKey(node.id, colId)) ?? null : null), []);

  const pasteCells = useCallback(async (grid: GridApi<T>, table: string[][], area: Block) => {
    const r = rules.current;
    if (!r) return;
    const columns = grid.getAllDisplayedColumns();
    const top = Math.min(area.fromRow, area.toRow);
    const firstCol = columns.findIndex((c) => c.getColId() === columnsBetween(grid, area.fromCol, area.toCol)[0]?.getColId());
    // One value copied onto a block fills the block, as in Excel.
    const fill = table.length === 1 && table[0]!.length === 1 && !isSingle(area);
    const lines = fill ? Array.from({ length: Math.abs(area.toRow - area.fromRow) + 1 }, () => Array.from({ length: columnsBetween(grid, area.fromCol, area.toCol).length }, () => table[0]![0]!)) : table;
    const cells: PastedCell<T>[] = [];
    let extra = 0;
    let index = top;
    for (const line of lines) {
      let node = grid.getDisplayedRowAtIndex(index);
      while (node && !pasteRow.current(node)) node = grid.getDisplayedRowAtIndex(++index);
      if (!node) { extra += line.length; continue; }
      line.forEach((raw, offset) => {
        const column = columns[firstCol + offset];
        if (column) cells.push({ node: node!, colId: column.getColId(), raw: raw.trim() });
        else extra += 1;
      });
      index += 1;
    }
    const wide = new Set(cells.map((c) => c.colId)).size > 1;
    const where = (c: PastedCell<T>) => {
      const header = grid.getColumn(c.colId)?.getColDef().headerName ?? c.colId;
      return `${r.rowLabel(c.node)}（第${(c.node.rowIndex ?? 0) + 1}行${wide ? `，${header}` : ''}）“${c.raw}”`;
    };
    const refused: RefusedCell<T>[] = [];
    const accepted: AcceptedCell<T>[] = [];
    const warnings: string[] = [];
    for (const cell of cells) {
      const column = grid.getColumn(cell.colId);
      const locked = r.whyLocked
        ? r.whyLocked(cell.node, cell.colId)
        : column?.isCellEditable(cell.node) ? null : `“${column?.getColDef().headerName ?? cell.colId}”列不能修改`;
      if (locked) { refused.push({ ...cell, reason: locked }); continue; }
      const checked = r.check(cell.node, cell.colId, cell.raw);
      if (!checked.ok) { refused.push({ ...cell, reason: checked.reason }); continue; }
      notes.current.delete(noteKey(cell.node.id, cell.colId));
      if (checked.warning) {
        warnings.push(`${r.rowLabel(cell.node)}：${checked.warning}`);
        notes.current.set(noteKey(cell.node.id, cell.colId), { kind: 'warning', text: checked.warning });
      }
      accepted.push({ ...cell, value: checked.value });
    }
    let savedCount = accepted.length;
    if (accepted.length > 0) {
      try {
        const engineRefused = await r.save(accepted);
        refused.push(...engineRefused);
        savedCount -= engineRefused.length;
      } catch (error) {
        refused.push(...accepted.map((c) => ({ ...c, reason: (error as Error).message })));
        savedCount = 0;
      }
    }
    // Only editable columns get a red mark: a read-only cell keeps its look, the summary says why.
    for (const c of refused) if (grid.getColumn(c.colId)?.getColDef().editable) notes.current.set(noteKey(c.node.id, c.colId), { kind: 'refused', text: c.reason });
    refreshNoted([...new Set(cells.map((c) => c.node))]);
    const summary = pasteSummary(savedCount, refused.map((c) => `${where(c)}：${c.reason}`), warnings, extra);
    r.report(summary.kind, summary.text);
  }, [refreshNoted]);

  const onPasteEvent = useCallback((e: ReactClipboardEvent) => {
    const grid = api.current;
    const focused = grid?.getFocusedCell();
    if (!grid || !focused) return;
    const table = parseClipboardTable(e.clipboardData.getData('text/plain'));
    if (table.length === 0) return;
    const editing = grid.getEditingCells().length > 0;
    // One value pasted into an open editor is the editor's; a block pasted there lands on the grid.
    if (editing && table.length === 1 && table[0]!.length === 1) return;
    e.preventDefault();
    if (editing) grid.stopEditing(true);
    if (!rules.current) return;
    void pasteCells(grid, table, currentArea(grid)!);
  }, [api, currentArea, pasteCells]);

  /** The column properties every grid gets (merge into defaultColDef): the block's and the notes' classes,
   * and Shift+arrow kept from the grid's own navigation. */
  const colDefProps = useMemo(() => ({
    cellClassRules: {
      'cell-in-block': (p: CellClassParams<T>) => {
        const b = block.current;
        const grid = api.current;
        if (!b || !grid || p.rowIndex === null || isSingle(b)) return false;
        if (p.rowIndex < Math.min(b.fromRow, b.toRow) || p.rowIndex > Math.max(b.fromRow, b.toRow)) return false;
        return columnsBetween(grid, b.fromCol, b.toCol).some((c) => c.getColId() === p.column.getColId());
      },
      'cell-note-refused': (p: CellClassParams<T>) => notes.current.get(noteKey(p.node.id, p.column.getColId()))?.kind === 'refused',
      'cell-note-warning': (p: CellClassParams<T>) => notes.current.get(noteKey(p.node.id, p.column.getColId()))?.kind === 'warning',
    },
    suppressKeyboardEvent: (p: SuppressKeyboardEventParams<T>) => !p.editing && p.event.shiftKey && p.event.key in ARROWS,
  }), [api]);

  return useMemo(() => ({
    colDefProps,
    containerProps: { onCopy, onPaste: onPasteEvent, onKeyDown, onPointerDownCapture, onMouseDownCapture: keepShiftClick, onClickCapture: keepShiftClick },
    note, noteOf, clearNotes,
  }), [colDefProps, onCopy, onPasteEvent, onKeyDown, onPointerDownCapture, keepShiftClick, note, noteOf, clearNotes]);
}
