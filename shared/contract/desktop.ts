// What only the desktop shell can do, beside the engine's channels: print the window to a PDF file, let the
// user choose a folder in the system dialog (a backup to a USB stick), and read or change how this seat works
// (本机数据库 or 连接单位服务器). The preload exposes these as window.desktop (electron/preload/api.ts), main
// answers them itself (electron/main/desktop.ts): a file is written only at the path the user picked in the
// save dialog, only a folder picked in the dialog is granted to the engine, and the connection is changed
// only from our own app:// page. A window onto the office server gets printing only (OFFICE_DESKTOP_CHANNELS):
// backups there are the server's, and a page the server sent may not change where this seat connects.
// In a browser window.desktop is absent: printing is the browser's, with the print stylesheet, and a backup
// folder is one `workbench serve --backup-folder` allowed.
import type { ApiResult } from './schemas';

export const DESKTOP_CHANNELS = ['desktop.printToPDF', 'desktop.chooseFolder', 'desktop.connection', 'desktop.connect'] as const;
export type DesktopChannel = (typeof DESKTOP_CHANNELS)[number];

/** The desktop channels of a window onto the office server. */
export const OFFICE_DESKTOP_CHANNELS = ['desktop.printToPDF'] as const satisfies readonly DesktopChannel[];

/** How this seat works: its own database, the office server at one origin, or not chosen yet (the first start, or a setting that cannot be used). */
export type DesktopConnection =
  | { mode: 'local' }
  | { mode: 'office'; origin: string }
  | { mode: null; problem?: string; origin?: string };

/** What 保存并重新启动 sends: the server address as typed; main reads it into one origin. */
export type ConnectionChoice = { mode: 'local' } | { mode: 'office'; address: string };

export interface DesktopApi {
  /** Prints this window's page (its print layout) to A4 PDF and saves it where the user chooses; `saved: null` when they cancel. */
  printToPDF(suggestedName: string): Promise<ApiResult<{ saved: string | null }>>;
  /** The system folder dialog; the chosen folder is granted to the engine for backups; `folder: null` when they cancel. Absent in office mode. */
  chooseFolder?(): Promise<ApiResult<{ folder: string | null }>>;
  /** How this seat works now. Absent in office mode. */
  connection?(): Promise<ApiResult<DesktopConnection>>;
  /** Saves the choice and restarts the app in that mode. Absent in office mode. */
  connect?(choice: ConnectionChoice): Promise<ApiResult<{ origin: string | null }>>;
}

/** The window.desktop property of each channel. */
export const DESKTOP_FUNCTIONS: Record<DesktopChannel, keyof DesktopApi> = {
  'desktop.printToPDF': 'printToPDF',
  'desktop.chooseFolder': 'chooseFolder',
  'desktop.connection': 'connection',
  'desktop.connect': 'connect',
};
