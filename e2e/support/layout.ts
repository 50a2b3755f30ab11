// What a person would see wrong at a glance on any screen, shared by the walks: the page wider than the
// window, a dialog cut off, English words left in the UI, a native date input.
import type { Page } from 'playwright-core';

/** Latin words a user may read: product and file names, keys, units, a pinyin-initials example (zsf = 张三丰).
 * Anything else is English left in the UI. Data (user names, file paths, cells) is marked data-latin-ok. */
const ALLOWED_LATIN = new Set(['Excel', 'WPS', 'Ctrl', 'Shift', 'Enter', 'Esc', 'KB', 'MB', 'USB', 'PDF', 'xlsx', 'xls', 'csv', 'CSV', 'txt', 'TXT', 'ID', 'SPACE', 'zsf']);

interface Layout { overflowX: number; dialogsOutside: string[]; latin: string[]; nativeDateInputs: number }

/** What a person would see wrong at a glance: the page wider than the window, a dialog cut off, English. */
export async function layout(page: Page): Promise<Layout> {
  return page.evaluate((allowed) => {
    const overflowX = document.documentElement.scrollWidth - window.innerWidth;
    const dialogsOutside = [...document.querySelectorAll<HTMLElement>('[role=dialog]')].filter((d) => {
      const r = d.getBoundingClientRect();
      return r.left < 0 || r.top < 0 || r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1;
    }).map((d) => d.getAttribute('aria-label') ?? d.className);
    const latin = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // Text a person reads: shown, and not data (a cell's pinyin initials), a path or a code kept small for support.
      if (!parent || parent.closest('script, style, .issue-code, .ag-cell, [data-latin-ok]') || !parent.checkVisibility()) continue;
      for (const word of node.textContent?.match(/[A-Za-z]{3,}/g) ?? []) if (!allowed.includes(word)) latin.add(word);
    }
    for (const field of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (field.checkVisibility()) for (const word of field.placeholder.match(/[A-Za-z]{3,}/g) ?? []) if (!allowed.includes(word)) latin.add(word);
    }
    // <input type="date|month"> draws in the browser's language ("March 2022"): every date goes through DateField.
    const nativeDateInputs = document.querySelectorAll('input[type=date], input[type=month], input[type=datetime-local], input[type=week]').length;
    return { overflowX, dialogsOutside, latin: [...latin], nativeDateInputs };
  }, [...ALLOWED_LATIN]);
}

