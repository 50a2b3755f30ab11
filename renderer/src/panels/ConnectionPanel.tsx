// 连接方式 (the desktop app only): this seat works on its own database (本机数据库, a single-seat county) or
// as a window onto the office's server (连接单位服务器, the address the administrator gives). Shown on the
// first start and in 设置. The address is checked here as it is typed (shared/domain/server-address.ts) and
// again by the desktop's main process, which saves the choice and restarts the app in that mode.
import { useState, type FormEvent } from 'react';
import type { DesktopConnection } from '../../../shared/contract/desktop';
import { parseServerAddress, PLAIN_HTTP_WARNING } from '../../../shared/domain/server-address';
import { desktop, desktopCall } from '../api';

type Mode = 'local' | 'office';

export function ConnectionPanel({ current, firstStart }: { current: DesktopConnection; firstStart: boolean }) {
  const [mode, setMode] = useState<Mode>(current.mode ?? (current.origin ? 'office' : 'local'));
  const [address, setAddress] = useState(current.mode === 'local' ? '' : current.origin ?? '');
  const [error, setError] = useState<string | null>(null);
  const [restarting, setRestarting] = useState(false);
  const parsed = parseServerAddress(address);
  const unchanged = current.mode === mode && (mode === 'local' || (parsed.ok && current.mode === 'office' && parsed.origin === current.origin));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!desktop?.connect) return;
    setError(null);
    try {
      await desktopCall(desktop.connect(mode === 'local' ? { mode: 'local' } : { mode: 'office', address }));
      setRestarting(true);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <form className="connection-form" onSubmit={save} data-testid="connection-form">
      {firstStart
        ? <p>请选择这台电脑上的工作台如何使用。以后可以在“设置 → 连接方式”或菜单“连接”中更改。</p>
        : <p data-testid="connection-current">本机当前：{current.mode === 'office' ? <>连接单位服务器 <span className="path" data-latin-ok>{current.origin}</span></> : '本机数据库'}</p>}
      {current.mode === null && current.problem && <div className="banner error" role="alert" data-testid="connection-problem" data-latin-ok>{current.problem}</div>}
      <label className="connection-choice">
        <input type="radio" name="connection-mode" checked={mode === 'local'} onChange={() => setMode('local')} data-testid="connection-local" />
        <span><b>本机数据库</b>（单机使用）：数据保存在这台电脑上，适合由一位录入员录入全县数据的情况。</span>
      </label>
      <label className="connection-choice">
        <input type="radio" name="connection-mode" checked={mode === 'office'} onChange={() => setMode('office')} data-testid="connection-office" />
        <span><b>连接单位服务器</b>（多人同时使用）：数据保存在单位的服务器上，各乡镇录入员、审核员和管理员用同一份数据。地址由管理员提供。</span>
      </label>
      {mode === 'office' && (
        <>
          <label className="field"><span className="field-label">单位服务器地址（由管理员提供，例如 <span data-latin-ok>https://192.168.1.10:8443</span>）</span>
            <input value={address} onChange={(e) => setAddress(e.target.value)} style={{ width: 360 }} autoFocus data-testid="connection-address" />
          </label>
          {/* The problems name the schemes to type (https://), data rather than English. */}
          {address.trim() !== '' && !parsed.ok && <div className="banner error" data-testid="connection-address-problem" data-latin-ok>{parsed.problem}</div>}
          {parsed.ok && parsed.plainHttp && <div className="banner warning" data-testid="connection-http-warning">{PLAIN_HTTP_WARNING}</div>}
          <p className="muted">连接后，本机不再打开本机数据库，窗口只显示这个地址的工作台，用单位服务器上的账号登录；数据备份由服务器负责。本机原有的数据仍保留在本机。</p>
        </>
      )}
      {error && <div className="banner error" role="alert" data-testid="connection-error" data-latin-ok>{error}</div>}
      {restarting
        ? <div className="banner info" role="status" data-testid="connection-restarting">已保存，工作台正在重新启动…</div>
        : <button type="submit" disabled={(mode === 'office' && !parsed.ok) || (!firstStart && unchanged)} data-testid="connection-save">{firstStart ? '开始使用' : '保存并重新启动'}</button>}
    </form>
  );
}

/** The first start of the desktop app (or a saved setting it cannot use): nothing else runs until this is chosen. */
export function ConnectionStartPage({ current }: { current: DesktopConnection }) {
  return (
    <div className="login-screen">
      <div className="login-box connection-start" data-testid="connection-start">
        <h1>县级就业帮扶工作台</h1>
        <h2>选择使用方式</h2>
        <ConnectionPanel current={current} firstStart />
      </div>
    </div>
  );
}
