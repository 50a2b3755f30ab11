// The grids' look, shared by every screen.
import { themeQuartz } from 'ag-grid-community';

export const gridTheme = themeQuartz.withParams({ fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', 'sans-serif'], fontSize: 13, headerFontSize: 13, spacing: 6 });
