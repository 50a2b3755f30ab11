// The seat's connection (本机数据库 / 连接单位服务器) and the office mode's rules, in plain Node: the saved
// file, the address as typed, the one origin the window may use, what a failed load says, the menu.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTION_FILE, isCertificateError, isOfficeUrl, loadFailureMessage, menuTemplate, officeRequestAllowed, readConnection, settingFromChoice, writeConnection, type MenuItem } from './connection';
import { parseServerAddress, PLAIN_HTTP_WARNING } from '../../shared/domain/server-address';

const dirs: string[] = [];
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => { for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true }); });

describe('the server address as a seat types it', () => {
  it('reads one origin: scheme, host and port, lower case, default port dropped', () => {
    expect(parseServerAddress(' https://192.168.1.10:8443 ')).toEqual({ ok: true, origin: 'https://192.168.1.10:8443', plainHttp: false });
    expect(parseServerAddress('https://Workbench.Office.LAN/')).toEqual({ ok: true, origin: 'https://workbench.office.lan', plainHttp: false });
    expect(parseServerAddress('https://workbench.office.lan:443')).toMatchObject({ origin: 'https://workbench.office.lan' });
    expect(parseServerAddress('http://192.168.1.10:5180')).toEqual({ ok: true, origin: 'http://192.168.1.10:5180', plainHttp: true });
    // Plain HTTP on this machine itself crosses no network.
    expect(parseServerAddress('http://127.0.0.1:5180')).toMatchObject({ ok: true, plainHttp: false });
    expect(PLAIN_HTTP_WARNING).toContain('明文');
  });

  it('refuses, in Chinese, what is not one origin', () => {
    for (const [typed, problem] of [
      ['', '没有填写地址'],
      ['192.168.1.10:8443', 'https://'],
      ['ftp://192.168.1.10', 'https://'],
      ['file:///etc/passwd', 'https://'],
      ['https://', '这不是一个网址'],
      ['https://admin:secret@192.168.1.10', '用户名或密码'],
      ['https://192.168.1.10/workbench', '路径'],
      ['https://192.168.1.10/?next=evil', '路径'],
      ['https://192.168.1.10:99999', '这不是一个网址'],
    ] as const) {
      const parsed = parseServerAddress(typed);
      expect(parsed.ok, typed).toBe(false);
      expect(parsed.ok ? '' : parsed.problem, typed).toContain(problem);
    }
  });
});

describe('the saved connection (desktop-connection.json)', () => {
  it('is not chosen on a new seat, and local on a seat that already has its database', () => {
    const dir = dataDir();
    expect(readConnection(dir)).toEqual({ mode: null });
    fs.writeFileSync(path.join(dir, 'workbench.sqlite'), '');
    expect(readConnection(dir)).toEqual({ mode: 'local' });
  });

  it('is written whole and private, and read back', () => {
    const dir = path.join(dataDir(), 'new-folder');
    writeConnection(dir, { mode: 'office', origin: 'https://192.168.1.10:8443' });
    expect(readConnection(dir)).toEqual({ mode: 'office', origin: 'https://192.168.1.10:8443' });
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, CONNECTION_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual([CONNECTION_FILE]);
    writeConnection(dir, { mode: 'local' });
    expect(readConnection(dir)).toEqual({ mode: 'local' });
  });

  it('a damaged or hand-edited file asks again, saying why in Chinese', () => {
    const dir = dataDir();
    const file = path.join(dir, CONNECTION_FILE);
    for (const [content, why] of [
      ['{ mode: office', '不是有效的 JSON'],
      ['{"mode":"cloud"}', '不符合格式'],
      ['{"mode":"office","origin":"https://192.168.1.10:8443","proxy":"x"}', '不符合格式'],
      ['{"mode":"office","origin":"https://192.168.1.10/evil"}', '不要带 / 之后的路径'],
      ['{"mode":"office","origin":"javascript:alert(1)"}', 'https://'],
      ['{"mode":"office","origin":"https://Workbench.Office.LAN"}', '不是规范的写法'],
    ] as const) {
      fs.writeFileSync(file, content);
      const read = readConnection(dir);
      expect(read.mode, content).toBeNull();
      expect(read.mode === null ? read.problem : '', content).toMatch(/^本机保存的连接设置无法使用（.*）/);
      expect(read.mode === null ? read.problem : '', content).toContain(why);
    }
  });

  it('the page\'s choice is read here: an office address into its origin, anything else refused with SERVER_ADDRESS_INVALID', () => {
    expect(settingFromChoice({ mode: 'local' })).toEqual({ ok: true, data: { mode: 'local' } });
    expect(settingFromChoice({ mode: 'office', address: 'https://192.168.1.10:8443/' })).toEqual({ ok: true, data: { mode: 'office', origin: 'https://192.168.1.10:8443' } });
    const refused = settingFromChoice({ mode: 'office', address: 'https://192.168.1.10/admin' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SERVER_ADDRESS_INVALID' } });
    expect(refused.ok ? '' : refused.error.message).toContain('例如 https://192.168.1.10:8443');
    expect(settingFromChoice({ mode: 'office', origin: 'https://x' })).toMatchObject({ ok: false, error: { code: 'SERVER_ADDRESS_INVALID' } });
    expect(settingFromChoice(null)).toMatchObject({ ok: false, error: { code: 'SERVER_ADDRESS_INVALID' } });
  });
});

describe('the office origin is the only place the window goes', () => {
  const origin = 'https://192.168.1.10:8443';
  it('pages and requests of exactly that origin; not another port, scheme, host, credentials or look-alike', () => {
    expect(isOfficeUrl('https://192.168.1.10:8443/', origin)).toBe(true);
    expect(isOfficeUrl('https://192.168.1.10:8443/api/people.list', origin)).toBe(true);
    for (const url of ['http://192.168.1.10:8443/', 'https://192.168.1.10/', 'https://192.168.1.10:8444/', 'https://192.168.1.100:8443/', 'https://192.168.1.10:8443@evil.example/',
      'https://user:pw@192.168.1.10:8443/', 'app://workbench/index.html', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect(isOfficeUrl(url, origin), url).toBe(false);
    }
    expect(officeRequestAllowed('https://192.168.1.10:8443/assets/index.js', origin, true)).toBe(true);
    expect(officeRequestAllowed('blob:https://192.168.1.10:8443/1234', origin, true)).toBe(true);
    expect(officeRequestAllowed('https://cdn.example/font.woff', origin, true)).toBe(false);
    expect(officeRequestAllowed('devtools://devtools/bundled/inspector.html', origin, true)).toBe(false);
    expect(officeRequestAllowed('devtools://devtools/bundled/inspector.html', origin, false)).toBe(true);
  });

  it('a failed load says in Chinese whether the certificate or the network is the cause', () => {
    expect(isCertificateError(-202)).toBe(true); // ERR_CERT_AUTHORITY_INVALID
    expect(isCertificateError(-200)).toBe(true); // ERR_CERT_COMMON_NAME_INVALID
    expect(isCertificateError(-102)).toBe(false); // ERR_CONNECTION_REFUSED
    const certificate = loadFailureMessage(-202, 'ERR_CERT_AUTHORITY_INVALID', origin);
    expect(certificate.title).toBe('单位服务器的证书不可信');
    expect(certificate.message).toContain(`无法验证单位服务器 ${origin} 的证书`);
    expect(certificate.message).toContain('系统证书库');
    const refused = loadFailureMessage(-102, 'ERR_CONNECTION_REFUSED', origin);
    expect(refused.title).toBe('无法连接单位服务器');
    expect(refused.message).toContain('改用本机数据库');
  });
});

describe('the menu', () => {
  const labels = (items: MenuItem[]): string[] => items.flatMap((item) => [item.label ?? '', ...labels(item.submenu ?? [])]).filter(Boolean);
  it('is in Chinese, shows the mode, and offers 改用本机数据库 only in office mode', () => {
    let asked = 0;
    let local = 0;
    const actions = { chooseAgain: () => { asked += 1; }, useLocal: () => { local += 1; } };
    const office = menuTemplate({ mode: 'office', origin: 'https://192.168.1.10:8443' }, actions, true);
    const all = labels(office);
    expect(all).toContain('当前：单位服务器 https://192.168.1.10:8443');
    expect(all).toContain('改用本机数据库');
    expect(all.filter((l) => /[A-Za-z]/.test(l.replace(/https?:\/\/\S+/, '')))).toEqual([]);
    expect(all).not.toContain('开发者工具');
    office[0]!.submenu!.find((i) => i.label === '更改连接方式…')!.click!();
    office[0]!.submenu!.find((i) => i.label === '改用本机数据库')!.click!();
    expect([asked, local]).toEqual([1, 1]);
    expect(labels(menuTemplate({ mode: 'local' }, actions, false))).not.toContain('改用本机数据库');
    expect(labels(menuTemplate({ mode: 'local' }, actions, false))).toContain('开发者工具');
  });
});
