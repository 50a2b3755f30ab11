// The desktop window's security decisions, asserted in plain Node (no Electron binary here): what main.ts
// passes to BrowserWindow, where the window may go, which links leave it, what the page may load.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, EXTERNAL_ALLOW_LIST, externalUrlAllowed, navigationAllowed, rendererFileFor, requestAllowed, windowOptions, withContentSecurityPolicy } from './window-policy';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';

describe('the window options', () => {
  it('isolate the page from Node and Electron, and turn devtools off in a packaged build', () => {
    const packaged = windowOptions({ preload: '/app/preload.cjs', packaged: true });
    expect(packaged.webPreferences).toEqual({
      preload: '/app/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(windowOptions({ preload: '/app/preload.cjs', packaged: false }).webPreferences?.devTools).toBe(true);
    expect(packaged.title).toBe('县级就业帮扶工作台');
  });
});

describe('navigation and redirects', () => {
  it('stay on our own pages', () => {
    for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/`, `${APP_ORIGIN}/index.html#/people`]) expect(navigationAllowed(url), url).toBe(true);
    for (const url of [
      'https://evil.example/', 'http://127.0.0.1:5180/', 'file:///etc/passwd', 'app://workbench.evil/index.html', 'app://other/index.html',
      'app://user:pw@workbench/index.html', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'about:blank', 'not a url', '',
    ]) expect(navigationAllowed(url), url).toBe(false);
  });
});

describe('links to outside pages (shell.openExternal)', () => {
  it('open only the allow-listed https hosts, exactly', () => {
    for (const host of EXTERNAL_ALLOW_LIST) expect(externalUrlAllowed(`https://${host}/policy/2022.html`)).toBe(true);
    for (const url of [
      'http://www.mohrss.gov.cn/', 'https://www.mohrss.gov.cn.evil.example/', 'https://evil.example/?www.mohrss.gov.cn', 'https://www.mohrss.gov.cn:8443/',
      'https://user@www.mohrss.gov.cn/', 'file:///C:/Windows/System32/calc.exe', 'smb://server/share', 'ms-msdt:/id', 'javascript:alert(1)', 'not a url',
    ]) expect(externalUrlAllowed(url), url).toBe(false);
  });
});

describe('what the page may load', () => {
  const files = 'file:///opt/workbench/resources/app.asar/dist/renderer';
  it('is our origin, the renderer files, blobs and data; devtools only in development', () => {
    for (const url of [`${APP_ORIGIN}/assets/index.js`, `${files}/assets/index.js`, 'blob:app://workbench/1234', 'data:image/png;base64,AA==']) {
      expect(requestAllowed(url, files, true), url).toBe(true);
    }
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:5180/api', 'file:///etc/passwd', `${files}-evil/x.js`, 'ws://127.0.0.1/']) {
      expect(requestAllowed(url, files, true), url).toBe(false);
    }
    expect(requestAllowed('devtools://devtools/bundled/inspector.html', files, true)).toBe(false);
    expect(requestAllowed('devtools://devtools/bundled/inspector.html', files, false)).toBe(true);
  });

  it('carries our Content Security Policy, replacing any other', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it('serves app:// paths from the renderer folder and nothing outside it', () => {
    const dir = path.resolve('/opt/workbench/dist/renderer');
    expect(rendererFileFor(`${APP_ORIGIN}/`, dir)).toBe(path.join(dir, 'index.html'));
    expect(rendererFileFor(`${APP_ORIGIN}/assets/index-abc.js`, dir)).toBe(path.join(dir, 'assets', 'index-abc.js'));
    // The URL parser itself folds %2e%2e segments: what is left is a path inside the folder.
    expect(rendererFileFor(`${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`, dir)).toBe(path.join(dir, 'etc', 'passwd'));
    for (const url of [`${APP_ORIGIN}/..%2f..%2fmain.cjs`, `${APP_ORIGIN}/..%5c..%5cmain.cjs`, 'app://other/index.html', 'app://workbench/%E0%A4%A']) {
      expect(rendererFileFor(url, dir), url).toBeNull();
    }
  });
});
