// What only the desktop shell can do, beside the engine's channels: print the window to a PDF file and let the
// user choose a folder in the system dialog (a backup to a USB stick). The preload exposes exactly these as
// window.desktop (electron/preload/api.ts), main answers them itself (electron/main/desktop.ts): a file is
// written only at the path the user picked in the save dialog, and only a folder picked in the dialog is
// granted to the engine. In a browser window.desktop is absent: printing is the browser's, with the print
// stylesheet, and a backup folder is one `workbench serve --backup-folder` allowed.
import type { ApiResult } from './schemas';

export const DESKTOP_CHANNELS = ['desktop.printToPDF', 'desktop.chooseFolder'] as const;
export type DesktopChannel = (typeof DESKTOP_CHANNELS)[number];

export interface DesktopApi {
  /** Prints this window's page (its print layout) to A4 PDF and saves it where the user chooses; `saved: null` when they cancel. */
  printToPDF(suggestedName: string): Promise<ApiResult<{ saved: string | null }>>;
  /** The system folder dialog; the chosen folder is granted to the engine for backups; `folder: null` when they cancel. */
  chooseFolder(): Promise<ApiResult<{ folder: string | null }>>;
}

/** The window.desktop property of each channel. */
export const DESKTOP_FUNCTIONS: Record<DesktopChannel, keyof DesktopApi> = {
  'desktop.printToPDF': 'printToPDF',
  'desktop.chooseFolder': 'chooseFolder',
};
