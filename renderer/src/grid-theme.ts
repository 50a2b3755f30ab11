// The grids' look and words, shared by every screen.
import { themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

export const gridTheme = themeQuartz.withParams({ fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', 'sans-serif'], fontSize: 13, headerFontSize: 13, spacing: 6 });

/** AG Grid's Chinese texts, with the screen's own sentence when a search or filter leaves no row
 * (instead of the stock "无匹配行"): say what to do. */
export function gridLocale(noMatchingRows: string): Record<string, string> {
  return { ...AG_GRID_LOCALE_CN, noMatchingRows };
}
