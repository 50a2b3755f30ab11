// The office server's address as a seat's desktop app is given it (设置 → 连接方式, or the first start):
// read into one origin — scheme, host and port, nothing else — because the window loads that origin only
// and refuses every other. Used by the page (to say at once what is wrong, and to warn of plain HTTP) and by
// the desktop's main process (which decides, whatever the page sent). Pure: no URL parsing beyond WHATWG's.

export type ServerAddress =
  | { ok: true; origin: string; plainHttp: boolean }
  | { ok: false; problem: string };

// WHATWG URL is a global in both the page and Node; shared/ is compiled without DOM or Node types, so the
// parts used are declared here.
interface UrlParts { protocol: string; hostname: string; username: string; password: string; pathname: string; search: string; hash: string; origin: string }
const WhatwgUrl = (globalThis as unknown as { URL: new (input: string) => UrlParts }).URL;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function parseServerAddress(text: string): ServerAddress {
  const value = text.trim();
  if (value === '') return { ok: false, problem: '没有填写地址' };
  if (!/^https?:\/\//i.test(value)) return { ok: false, problem: '地址应以 https:// 或 http:// 开头' };
  let url: UrlParts;
  try {
    url = new WhatwgUrl(value);
  } catch {
    return { ok: false, problem: '这不是一个网址' };
  }
  if (url.hostname === '') return { ok: false, problem: '缺少服务器的名称或 IP 地址' };
  if (url.username || url.password) return { ok: false, problem: '地址中不能含用户名或密码（登录在工作台页面上进行）' };
  if (url.pathname !== '/' || url.search || url.hash) return { ok: false, problem: '只填写服务器地址和端口，不要带 / 之后的路径' };
  return { ok: true, origin: url.origin, plainHttp: url.protocol === 'http:' && !LOOPBACK.has(url.hostname) };
}

/** What a seat reads when the address is plain HTTP across the network (the same warning `serve` prints). */
export const PLAIN_HTTP_WARNING = '警告：这个地址没有加密，登录密码和人员身份证号会以明文在局域网中传输。请只在办公室内网使用，并请管理员为服务器配置证书，改用加密连接（见使用说明“办公室服务器”）。';
