// How this seat's desktop app works: on its own SQLite file (本机数据库, the single-seat county) or as a
// window onto the office's `workbench serve` (连接单位服务器). The choice is made on the first start or in
// 设置 → 连接方式, kept in the data folder as desktop-connection.json (checked with zod when read, written
// 0600, whole or not at all), and read once at start: changing it restarts the app, because the two modes
// differ in everything main sets up (engine process, app:// scheme, IPC, which origin the window may show).
// The office mode's rules — the one origin the window may load, navigate, be redirected or send requests
// to, and what a failed load says — are plain decisions here, tested without Electron.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseServerAddress } from '../../shared/domain/server-address';
import { messageFor } from '../../shared/domain/errors';
import type { DesktopConnection } from '../../shared/contract/desktop';
import type { ApiResult } from '../../shared/contract/schemas';
import { writeFileWhole } from '../backend/file-safety';

export const CONNECTION_FILE = 'desktop-connection.json';

const SETTING = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }).strict(),
  z.object({ mode: z.literal('office'), origin: z.string() }).strict(),
]);
export type ConnectionSetting = z.infer<typeof SETTING>;

/** What the page sends to 保存: local, or office with the address as typed (main reads it itself). */
export const CHOICE = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }).strict(),
  z.object({ mode: z.literal('office'), address: z.string().max(300) }).strict(),
]);

/**
 * The saved choice. No file: the first start asks — except where a database already is in the data folder
 * (a county that used the app before this choice existed), which stays on it without being asked. A file
 * that cannot be read, or names an address that is not one origin, asks again with the reason in Chinese.
 */
export function readConnection(dataDir: string): DesktopConnection {
  const file = path.join(dataDir, CONNECTION_FILE);
  if (!fs.existsSync(file)) return fs.existsSync(path.join(dataDir, 'workbench.sqlite')) ? { mode: 'local' } : { mode: null };
  let setting: ConnectionSetting;
  try {
    setting = SETTING.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    const detail = error instanceof SyntaxError ? '文件内容不是有效的 JSON' : error instanceof z.ZodError ? '文件内容不符合格式' : (error as Error).message;
    return { mode: null, problem: messageFor('CONNECTION_SETTING_INVALID', { detail }) };
  }
  if (setting.mode === 'local') return setting;
  const address = parseServerAddress(setting.origin);
  // Only an origin exactly as saved: a hand-edited path or user name is not quietly dropped.
  if (!address.ok || address.origin !== setting.origin) {
    return { mode: null, problem: messageFor('CONNECTION_SETTING_INVALID', { detail: `服务器地址“${setting.origin}”有误：${address.ok ? '不是规范的写法' : address.problem}` }) };
  }
  return { mode: 'office', origin: address.origin };
}

export function writeConnection(dataDir: string, setting: ConnectionSetting): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileWhole(path.join(dataDir, CONNECTION_FILE), `${JSON.stringify(SETTING.parse(setting), null, 2)}\n`);
}

/** The page's choice read into a setting, or the coded refusal the page shows under the address. */
export function settingFromChoice(input: unknown): ApiResult<ConnectionSetting> {
  const choice = CHOICE.safeParse(input);
  if (!choice.success) return { ok: false, error: { code: 'SERVER_ADDRESS_INVALID', message: messageFor('SERVER_ADDRESS_INVALID', { detail: '没有选择连接方式' }) } };
  if (choice.data.mode === 'local') return { ok: true, data: { mode: 'local' } };
  const address = parseServerAddress(choice.data.address);
  if (!address.ok) return { ok: false, error: { code: 'SERVER_ADDRESS_INVALID', message: messageFor('SERVER_ADDRESS_INVALID', { detail: address.problem }) } };
  return { ok: true, data: { mode: 'office', origin: address.origin } };
}

/** A URL of exactly the office origin (scheme, host, port), with no user name or password in it. */
export function isOfficeUrl(url: string, origin: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.origin === origin && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Requests the office page may make: its own origin, in-page blobs and data; devtools in development. */
export function officeRequestAllowed(url: string, origin: string, packaged: boolean): boolean {
  return isOfficeUrl(url, origin) || url.startsWith('blob:') || url.startsWith('data:') || (!packaged && url.startsWith('devtools:'));
}

/** Chromium's certificate errors are net error codes -200 to -299 (ERR_CERT_*); -3 is a load we aborted ourselves. */
export function isCertificateError(errorCode: number): boolean {
  return errorCode <= -200 && errorCode > -300;
}

/** What the seat reads when the office page did not load: the certificate, or the server out of reach. */
export function loadFailureMessage(errorCode: number, description: string, origin: string): { title: string; message: string } {
  const detail = `${description || '未知错误'}，代码 ${errorCode}`;
  return isCertificateError(errorCode)
    ? { title: '单位服务器的证书不可信', message: messageFor('SERVER_CERTIFICATE', { origin, detail }) }
    : { title: '无法连接单位服务器', message: messageFor('SERVER_UNREACHABLE', { origin, detail }) };
}

/** The switch main.ts restarts itself with to ask again (菜单 连接 → 更改连接方式…), the saved choice kept until a new one is saved. */
export const CHOOSE_SWITCH = '--choose-connection';

/** A menu item as main.ts hands it to Menu.buildFromTemplate (Electron's MenuItemConstructorOptions, the parts used). */
export interface MenuItem { label?: string; role?: string; type?: 'separator'; enabled?: boolean; accelerator?: string; click?: () => void; submenu?: MenuItem[] }

/**
 * The application menu, in Chinese (Electron's own role labels are English): 连接 with the current mode and
 * the way to change it — 改用本机数据库 in office mode, where the page is the server's and may not change
 * it — then 编辑 (the clipboard keys need these roles on macOS) and 视图.
 */
export function menuTemplate(connection: DesktopConnection, actions: { chooseAgain(): void; useLocal(): void }, packaged: boolean): MenuItem[] {
  const current = connection.mode === 'office' ? `当前：单位服务器 ${connection.origin}` : connection.mode === 'local' ? '当前：本机数据库' : '当前：尚未选择';
  return [
    {
      label: '连接',
      submenu: [
        { label: current, enabled: false },
        { type: 'separator' },
        { label: '更改连接方式…', click: actions.chooseAgain },
        ...(connection.mode === 'office' ? [{ label: '改用本机数据库', click: actions.useLocal }] : []),
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' }, { label: '重做', role: 'redo' }, { type: 'separator' },
        { label: '剪切', role: 'cut' }, { label: '复制', role: 'copy' }, { label: '粘贴', role: 'paste' }, { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新加载', role: 'reload' }, { type: 'separator' },
        { label: '放大', role: 'zoomIn' }, { label: '缩小', role: 'zoomOut' }, { label: '实际大小', role: 'resetZoom' }, { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(packaged ? [] : [{ label: '开发者工具', role: 'toggleDevTools' }]),
      ],
    },
  ];
}
