// The desktop channels (shared/contract/desktop.ts), answered by main itself: 打印 → a PDF of the window's
// print layout saved where the user picks in the save dialog, a folder picked in the system dialog
// granted to the engine for backups, and the seat's connection (本机数据库 / 连接单位服务器, connection.ts):
// read, or saved and the app restarted in that mode. The page only suggests a file name or an address:
// what is written, and where, is decided here and by the user in the dialog. Kept free of the 'electron'
// import (main.ts hands it the dialogs, the window's printToPDF, the relay and the restart) so it is
// tested with stand-ins.
import path from 'node:path';
import { z } from 'zod';
import { DESKTOP_CHANNELS, type DesktopChannel, type DesktopConnection } from '../../shared/contract/desktop';
import { settingFromChoice, type ConnectionSetting } from './connection';
import type { ApiResult } from '../../shared/contract/schemas';
import { messageFor, type ErrorCode } from '../../shared/domain/errors';
import { isTrustedUrl, type IpcLike } from './ipc';

export interface DesktopShell {
  /** The save dialog of the sender's window, starting at `suggested`: the chosen path, or null when cancelled. */
  askSavePath(senderId: number, suggested: string): Promise<string | null>;
  /** Chromium's printToPDF of the sender's page (A4, its print stylesheet). */
  printToPDF(senderId: number): Promise<Uint8Array>;
  writeFile(file: string, bytes: Uint8Array): Promise<void>;
  /** The folder dialog of the sender's window: the chosen folder, or null when cancelled. */
  askFolder(senderId: number): Promise<string | null>;
  /** Grants a folder to the engine process (backups may be written there and restored from it). */
  grantFolder(folder: string): Promise<ApiResult<{ folder: string }>>;
  /** How this seat works now. */
  connection(): DesktopConnection;
  /** Saves the seat's connection (desktop-connection.json). */
  saveConnection(setting: ConnectionSetting): void;
  /** Restarts the app (in the mode just saved); called after the answer has gone back to the page. */
  restart(): void;
}

const failure = (code: ErrorCode, params: Record<string, string> = {}): ApiResult<never> => ({ ok: false, error: { code, message: messageFor(code, params) } });

/** A file name for the save dialog from what the page suggests: no folders, no characters Windows refuses, .pdf. */
export function pdfFileName(suggested: unknown): string {
  const base = path.basename(String(typeof suggested === 'string' ? suggested : '').replace(/\\/g, '/'))
    .replace(/\.(xlsx|xls|csv|pdf)$/i, '').replace(/[<>:"/\\|?*]/g, '_').split('').filter((c) => c.charCodeAt(0) >= 0x20).join('').trim().slice(0, 120);
  return `${base || '报表'}.pdf`;
}

const IN_USE = new Set(['EBUSY', 'EPERM', 'EACCES']);

async function printToPDF(shell: DesktopShell, senderId: number, suggested: unknown): Promise<ApiResult<{ saved: string | null }>> {
  const chosen = await shell.askSavePath(senderId, pdfFileName(suggested));
  if (!chosen) return { ok: true, data: { saved: null } };
  const file = /\.pdf$/i.test(chosen) ? chosen : `${chosen}.pdf`;
  let bytes: Uint8Array;
  try {
    bytes = await shell.printToPDF(senderId);
  } catch (error) {
    return failure('PRINT_FAILED', { detail: (error as Error).message });
  }
  try {
    await shell.writeFile(file, bytes);
  } catch (error) {
    // A PDF open in a viewer on Windows cannot be replaced.
    if (IN_USE.has((error as NodeJS.ErrnoException).code ?? '')) return failure('FILE_IN_USE', { file });
    return failure('PRINT_FAILED', { detail: (error as Error).message });
  }
  return { ok: true, data: { saved: file } };
}

async function chooseFolder(shell: DesktopShell, senderId: number): Promise<ApiResult<{ folder: string | null }>> {
  const folder = await shell.askFolder(senderId);
  if (!folder) return { ok: true, data: { folder: null } };
  return shell.grantFolder(folder);
}

/** 保存并重新启动: the address read here (never trusted as the page sent it), saved, then the restart. */
function connect(shell: DesktopShell, input: unknown): ApiResult<{ origin: string | null }> {
  const setting = settingFromChoice(input);
  if (!setting.ok) return setting;
  shell.saveConnection(setting.data);
  setTimeout(() => shell.restart(), 0);
  return { ok: true, data: { origin: setting.data.mode === 'office' ? setting.data.origin : null } };
}

const HANDLERS: Record<DesktopChannel, (shell: DesktopShell, senderId: number, input: unknown) => Promise<ApiResult<unknown>>> = {
  'desktop.printToPDF': (shell, senderId, input) => printToPDF(shell, senderId, z.string().max(255).catch('').parse(input)),
  'desktop.chooseFolder': (shell, senderId) => chooseFolder(shell, senderId),
  'desktop.connection': async (shell) => ({ ok: true, data: shell.connection() }),
  'desktop.connect': async (shell, _senderId, input) => connect(shell, input),
};

/**
 * One IPC handler per desktop channel given (all of them for our own app:// page; printing only for a window
 * onto the office server), for the trusted origins only (the same sender check as the engine's channels).
 */
export function registerDesktopIpc(ipc: IpcLike, shell: DesktopShell, trustedOrigins: readonly string[], channels: readonly DesktopChannel[] = DESKTOP_CHANNELS): void {
  for (const channel of channels) {
    ipc.handle(channel, async (event, input) => {
      if (!isTrustedUrl(event.senderFrame?.url ?? '', trustedOrigins)) return failure('UNTRUSTED_SENDER');
      try {
        return await HANDLERS[channel](shell, event.sender.id, input);
      } catch (error) {
        return failure('INTERNAL', { detail: (error as Error).message });
      }
    });
  }
}
