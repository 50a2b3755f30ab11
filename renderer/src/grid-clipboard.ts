// Excel-like copy and paste for AG Grid community (which has no clipboard module): Ctrl+C copies the
// focused cell, or the block from it to a Shift-clicked cell, as tab/newline text; Ctrl+V pastes a block
// copied from Excel or WPS starting at the focused cell. The screen decides, cell by cell, what a pasted
// value means — through the same check as typing — and saves the accepted ones.
import { useCallback, useRef, type ClipboardEvent as ReactClipboardEvent, type RefObject } from 'react';
import type { CellClickedEvent, CellClassParams, Column, GridApi, IRowNode } from 'ag-grid-community';
import { clipboardTableText, parseClipboardTable } from '../../shared/domain/clipboard-table';

export interface PastedCell<T> { node: IRowNode<T>; colId: string; raw: string }

interface Block { fromRow: number; toRow: number; fromCol: string; toCol: string }

interface Options<T> {
  api: RefObject<GridApi<T> | null>;
  /** Rows a pasted line lands on (subtotal rows are stepped over, as a clerk expects). */
  isPasteRow?(node: IRowNode<T>): boolean;
  /** Handles the pasted cells; `extra` counts pasted values that fell beyond the grid's last row or column. */
  onPaste(cells: PastedCell<T>[], extra: number): void;
}

export function useGridClipboard<T>({ api, isPasteRow = () => true, onPaste }: Options<T>) {
  const block = useRef<Block | null>(null);

  const columnsBetween = (grid: GridApi<T>, from: string, to: string): Column[] => {
    const columns = grid.getAllDisplayedColumns();
    const a = columns.findIndex((c) => c.getColId() === from);
    const b = columns.findIndex((c) => c.getColId() === to);
    if (a < 0 || b < 0) return [];
    return columns.slice(Math.min(a, b), Math.max(a, b) + 1);
  };

  const onCellClicked = useCallback((e: CellClickedEvent<T>) => {
    const grid = api.current;
    const focused = grid?.getFocusedCell();
    if (!grid || e.rowIndex === null) return;
    const mouse = e.event as MouseEvent | null | undefined;
    const colId = e.column.getColId();
    if (mouse?.shiftKey && block.current) block.current = { ...block.current, toRow: e.rowIndex, toCol: colId };
    else block.current = { fromRow: e.rowIndex, toRow: e.rowIndex, fromCol: focused?.column.getColId() ?? colId, toCol: colId };
    grid.refreshCells({ force: true });
  }, [api]);

  /** Class rule for the cells of the Shift-click block (one cell needs no highlight: it has the focus ring). */
  const inBlock = useCallback((p: CellClassParams<T>) => {
    const b = block.current;
    const grid = api.current;
    if (!b || !grid || p.rowIndex === null || (b.fromRow === b.toRow && b.fromCol === b.toCol)) return false;
    if (p.rowIndex < Math.min(b.fromRow, b.toRow) || p.rowIndex > Math.max(b.fromRow, b.toRow)) return false;
    return columnsBetween(grid, b.fromCol, b.toCol).some((c) => c.getColId() === p.column.getColId());
  }, [api]);

  const onCopy = useCallback((e: ReactClipboardEvent) => {
    const grid = api.current;
    const focused = grid?.getFocusedCell();
    if (!grid || !focused || grid.getEditingCells().length > 0) return;
    const b = block.current && block.current.fromRow <= grid.getDisplayedRowCount() ? block.current : null;
    const inside = b && focused.rowIndex >= Math.min(b.fromRow, b.toRow) && focused.rowIndex <= Math.max(b.fromRow, b.toRow);
    const area = inside && b ? b : { fromRow: focused.rowIndex, toRow: focused.rowIndex, fromCol: focused.column.getColId(), toCol: focused.column.getColId() };
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
  }, [api]);

  const onPasteEvent = useCallback((e: ReactClipboardEvent) => {
    const grid = api.current;
    const focused = grid?.getFocusedCell();
    if (!grid || !focused || grid.getEditingCells().length > 0) return;
    const table = parseClipboardTable(e.clipboardData.getData('text/plain'));
    if (table.length === 0) return;
    e.preventDefault();
    const columns = grid.getAllDisplayedColumns();
    const firstCol = columns.findIndex((c) => c.getColId() === focused.column.getColId());
    const cells: PastedCell<T>[] = [];
    let extra = 0;
    let index = focused.rowIndex;
    for (const line of table) {
      let node = grid.getDisplayedRowAtIndex(index);
      while (node && !isPasteRow(node)) node = grid.getDisplayedRowAtIndex(++index);
      if (!node) { extra += line.length; continue; }
      line.forEach((raw, offset) => {
        const column = columns[firstCol + offset];
        if (column) cells.push({ node: node!, colId: column.getColId(), raw: raw.trim() });
        else extra += 1;
      });
      index += 1;
    }
    onPaste(cells, extra);
  }, [api, isPasteRow, onPaste]);

  return { onCellClicked, inBlock, containerProps: { onCopy, onPaste: onPasteEvent } };
}
