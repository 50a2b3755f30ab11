// 用户管理: administrators add users, set roles and townships, disable accounts, reset passwords.
import { useCallback, useEffect, useState } from 'react';
import type { UserView } from '../../../shared/contract/schemas';
import { call } from '../api';
import type { Townships } from '../App';
import { ROLE_NAMES } from '../session';

type Draft = { id?: number; username: string; displayName: string; role: UserView['role']; townships: string[]; disabled: boolean; password: string };
const EMPTY: Draft = { username: '', displayName: '', role: 'clerk', townships: [], disabled: false, password: '' };

export function UsersPanel({ townships }: { townships: Townships }) {
  const [users, setUsers] = useState<UserView[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const load = useCallback(() => { call('users.list', {}).then(setUsers).catch((e: Error) => setMessage({ kind: 'error', text: e.message })); }, []);
  useEffect(load, [load]);
  const townshipName = (code: string) => townships.find((t) => t.code === code)?.name ?? code;

  async function save() {
    if (!draft) return;
    try {
      const { password, ...rest } = draft;
      await call('users.save', { ...rest, ...(password ? { password } : {}) });
      setMessage({ kind: 'info', text: `已保存用户 ${draft.username}` });
      setDraft(null);
      load();
    } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  }

  async function resetPassword(user: UserView) {
    const password = window.prompt(`为 ${user.displayName} 设置新密码（至少8位，含字母和数字）`);
    if (!password) return;
    try { await call('users.resetPassword', { id: user.id, password }); setMessage({ kind: 'info', text: `已重置 ${user.displayName} 的密码` }); load(); }
    catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  }

  return (
    <div data-testid="users-panel">
      <div className="panel-toolbar"><button onClick={() => setDraft({ ...EMPTY })} data-testid="user-add">新增用户</button></div>
      {message && <div className={`banner ${message.kind}`} role="status">{message.text}</div>}
      <table className="plain-table wide">
        <thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>负责乡镇</th><th>状态</th><th>操作</th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td><td>{u.displayName}</td><td>{ROLE_NAMES[u.role]}</td>
              <td>{u.role === 'clerk' ? u.townships.map(townshipName).join('、') || '（未分配）' : '全县'}</td>
              <td>{u.disabled ? '已停用' : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? '已锁定' : '正常'}</td>
              <td>
                <button className="reveal-link" onClick={() => setDraft({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, townships: u.townships, disabled: u.disabled, password: '' })}>修改</button>
                <button className="reveal-link" onClick={() => resetPassword(u)}>重置密码</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {draft && (
        <div className="dialog-backdrop">
          <div className="dialog" role="dialog" aria-label="用户">
            <h2>{draft.id ? `修改用户：${draft.username}` : '新增用户'}</h2>
            <div className="form-grid">
              <label className="field"><span className="field-label">用户名</span><input value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} data-testid="user-username" /></label>
              <label className="field"><span className="field-label">姓名</span><input value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} data-testid="user-display-name" /></label>
              <label className="field"><span className="field-label">角色</span>
                <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Draft['role'] })} data-testid="user-role">
                  {(['clerk', 'manager', 'admin'] as const).map((r) => <option key={r} value={r}>{ROLE_NAMES[r]}</option>)}
                </select>
              </label>
              <label className="field"><span className="field-label">{draft.id ? '新密码（不改请留空）' : '初始密码'}</span><input type="password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} data-testid="user-password" /></label>
              <label className="field"><span className="field-label">状态</span>
                <select value={draft.disabled ? '1' : '0'} onChange={(e) => setDraft({ ...draft, disabled: e.target.value === '1' })}><option value="0">正常</option><option value="1">停用</option></select>
              </label>
            </div>
            {draft.role === 'clerk' && (
              <>
                <h3>负责乡镇</h3>
                <div className="townships-picker">
                  {townships.map((t) => (
                    <label key={t.code}>
                      <input type="checkbox" checked={draft.townships.includes(t.code)} data-testid={`user-township-${t.name}`}
                        onChange={(e) => setDraft({ ...draft, townships: e.target.checked ? [...draft.townships, t.code] : draft.townships.filter((c) => c !== t.code) })} />
                      {t.name}
                    </label>
                  ))}
                </div>
              </>
            )}
            <div className="dialog-actions">
              <button className="secondary" onClick={() => setDraft(null)}>取消</button>
              <button onClick={save} data-testid="user-save">保存</button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
