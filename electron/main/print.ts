// 打印 in the desktop (issue 11): the page's print stylesheet rendered by Chromium to a PDF (printToPDF) and
// saved where the user chooses. Only our own page may ask. The browser build prints with window.print().
import fs from 'node:fs';
import type { BrowserWindow, Dialog, IpcMain } from 'electron';
import { isTrustedUrl } from './ipc';

export const PRINT_TO_PDF = 'desktop:printToPDF';

export function registerPrintToPdf(ipc: IpcMain, dialog: Dialog, windowOf: (contents: Electron.WebContents) => BrowserWindow | null, trustedOrigins: readonly string[]): void {
  ipc.handle(PRINT_TO_PDF, async (event, name: unknown) => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '', trustedOrigins)) return { saved: null };
    // The CSS @page rule (A4 landscape) decides the paper; the header repeats through thead on every page.
    const pdf = await event.sender.printToPDF({ preferCSSPageSize: true, printBackground: true });
    const window = windowOf(event.sender);
    const defaultPath = `${String(name ?? '报表').replace(/\.xlsx$/, '').replace(/[\\/:*?"<>|]/g, '_')}.pdf`;
    const options = { defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: null };
    fs.writeFileSync(choice.filePath, pdf);
    return { saved: choice.filePath };
  });
}
