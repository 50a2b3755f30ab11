// Desktop smoke test: the real Electron window over a real database. It needs the Electron binary,
// which these machines cannot download; where it is absent the test is reported as skipped, saying why.
// Where it is present, better-sqlite3 must be built for Electron (`npm start` runs install-app-deps) since
// the engine process loads it; the shell itself is tested without the binary in electron/main/shell.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
import { ROOT, screenshot } from './support/workbench';
import { installedElectronBinary } from '../scripts/start.mjs';

const binary = installedElectronBinary() as string | null;

describe.skipIf(!binary)('desktop window (skipped: the Electron binary is not installed on this machine and cannot be downloaded here)', () => {
  it('opens the workbench window with the people ledger in Chinese', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-electron-'));
    // This seat works on its own database (the first start would otherwise ask: 本机数据库 or 连接单位服务器).
    fs.writeFileSync(path.join(dataDir, 'desktop-connection.json'), JSON.stringify({ mode: 'local' }));
    const app = await electron.launch({ executablePath: binary!, args: [ROOT], env: { ...process.env, WORKBENCH_DATA_DIR: dataDir } });
    try {
      const window = await app.firstWindow();
      await window.getByTestId('nav-people').waitFor();
      expect(await window.title()).toBe('县级就业帮扶工作台');
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => typeof (window as unknown as { api?: unknown }).api)).toBe('object');
      // The engine runs in its own utility process, not in the main process.
      expect(await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().some((metric) => metric.type === 'Utility'))).toBe(true);
      await screenshot(window, 'electron-window');
      // 打印 → PDF: the save dialog (answered here in the main process) decides where; Chromium writes a real PDF.
      const pdf = path.join(dataDir, '打印.pdf');
      await app.evaluate(({ dialog }, file) => { dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog; }, pdf);
      const printed = await window.evaluate(() => (window as unknown as { desktop: { printToPDF(name: string): Promise<unknown> } }).desktop.printToPDF('R4.xlsx'));
      expect(printed).toEqual({ ok: true, data: { saved: pdf } });
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
