// 登录, and on the very first start 创建管理员账号.
import { useState, type FormEvent } from 'react';
import type { SessionUser } from '../../../shared/contract/schemas';
import { call } from '../api';

interface Props { needsSetup: boolean; notice: string | null; onLoggedIn(user: SessionUser): void }

export function LoginPage({ needsSetup, notice, onLoggedIn }: Props) {
  const [username, setUsername] = useState(needsSetup ? 'admin' : '');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (needsSetup && password !== confirm) { setError('两次输入的密码不一致'); return; }
    setBusy(true);
    try {
      const result = needsSetup
        ? await call('auth.setup', { username, displayName: displayName || username, password })
        : await call('auth.login', { username, password });
      onLoggedIn(result.user);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-screen">
      <form className="login-box" onSubmit={submit} data-testid="login-form">
        <h1>县级就业帮扶工作台</h1>
        <h2>{needsSetup ? '首次使用：创建管理员账号' : '登录'}</h2>
        {needsSetup && <p className="muted">这是本机第一次使用工作台。请为管理员设置用户名和密码，之后所有人都需要登录才能使用。</p>}
        {notice && <div className="banner info" role="status">{notice}</div>}
        <label className="field"><span className="field-label">用户名</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoFocus={!needsSetup} autoComplete="username" data-testid="login-username" />
        </label>
        {needsSetup && (
          <label className="field"><span className="field-label">姓名</span>
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoFocus data-testid="setup-display-name" />
          </label>
        )}
        <label className="field"><span className="field-label">密码{needsSetup && '（至少8位，含字母和数字）'}</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete={needsSetup ? 'new-password' : 'current-password'} data-testid="login-password" />
        </label>
        {needsSetup && (
          <label className="field"><span className="field-label">再次输入密码</span>
            <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" data-testid="setup-confirm" />
          </label>
        )}
        {error && <div className="banner error" role="alert" data-testid="login-error">{error}</div>}
        <button type="submit" disabled={busy || !username || !password} data-testid="login-submit">{needsSetup ? '创建并登录' : '登录'}</button>
      </form>
    </div>
  );
}
