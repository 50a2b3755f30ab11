// What the desktop window may do, as plain decisions main.ts applies: the window's options, which pages it
// may show or be redirected to, which requests leave it, which outside links open in the browser, and the
// files the app:// scheme serves. No 'electron' import, so every rule is tested in plain Node.
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';

export const APP_ORIGIN = 'app://workbench';

/** The window: isolated, sandboxed, no Node in the page, no webviews, devtools only in a development run. */
export function windowOptions(options: { preload: string; packaged: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    title: '县级就业帮扶工作台',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle click would otherwise open a link in a new window, around the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      devTools: !options.packaged,
    },
  };
}

/** Our own pages only: the app:// origin (URL.origin is "null" for custom schemes, so compare the parts). */
export function isAppPage(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'workbench' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** will-navigate and will-redirect: the window never leaves our pages, whatever a link or a server says. */
export function navigationAllowed(url: string): boolean {
  return isAppPage(url);
}

/**
 * The outside pages a link may open in the user's browser (shell.openExternal): official policy sources
 * only, over https, exact host. Everything else — other hosts, look-alikes, http, file:, custom schemes —
 * is refused, because openExternal hands the URL to whatever program the system registered for it.
 */
export const EXTERNAL_ALLOW_LIST: readonly string[] = ['www.mohrss.gov.cn', 'www.gov.cn'];

export function externalUrlAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && EXTERNAL_ALLOW_LIST.includes(parsed.hostname);
  } catch {
    return false;
  }
}

/** Requests the page may make: our origin, the renderer files behind it, in-page blobs and data; devtools in development. */
export function requestAllowed(url: string, rendererFilesUrl: string, packaged: boolean): boolean {
  const prefixes = [`${APP_ORIGIN}/`, `${rendererFilesUrl}/`, 'blob:', 'data:', ...(packaged ? [] : ['devtools:'])];
  return prefixes.some((prefix) => url.startsWith(prefix));
}

/** Response headers with our Content Security Policy in place of any other. */
export function withContentSecurityPolicy(headers: Record<string, string[] | string> | undefined): Record<string, string[] | string> {
  const kept = Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
  return { ...kept, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

/** The renderer file an app:// URL names, or null when it would reach outside the renderer folder. */
export function rendererFileFor(requestUrl: string, rendererDir: string): string | null {
  let relative: string;
  try {
    const url = new URL(requestUrl);
    if (!isAppPage(requestUrl)) return null;
    relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    return null;
  }
  // A backslash is a separator on Windows and a NUL ends a path in C: neither belongs in our file names.
  if (/[\\\0]/.test(relative)) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}
