// 用户管理: administrators add users, set roles and townships, disable accounts, reset passwords. Every
// refusal (a weak password, a clerk without a township) shows inside the dialog that caused it.
import { useCallback, useEffect, useState } from 'react';
import type { UserView } from '../../../shared/contract/schemas';
import { call } from '../api';
import type { Townships } from '../App';
import { ROLE_NAMES } from '../session';
import { Dialog } from '../components/Dialog';
import { PasswordDialog } from '../components/PasswordDialog';

type Draft = { id?: number; username: string; displayName: string; role: UserView['role']; townships: string[]; disabled: boolean; password: string };
const EMPTY: Draft = { username: '', displayName: '', role: 'clerk', townships: [], disabled: false, password: '' };

export function UsersPanel({ townships }: { townships: Townships }) {
  const [users, setUsers] = useState<UserView[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const load = useCallback(() => { call('users.list', {}).then(setUsers).catch((e: Error) => setMessage({ kind: 'error', text: e.message })); }, []);
  useEffect(load, [load]);
  const townshipName = (code: string) => townships.find((t) => t.code === code)?.name ?? code;

  return (
    <div data-testid="users-panel">
      <div className="panel-toolbar"><button onClick={() => setDraft({ ...EMPTY })} data-testid="user-add">新增用户</button></div>
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="users-message">{message.text}</div>}
      <table className="plain-table wide">
        <thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>负责乡镇</th><th>状态</th><th>操作</th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.username}`}>
              <td data-latin-ok>{u.username}</td><td>{u.displayName}</td><td>{ROLE_NAMES[u.role]}</td>
              <td>{u.role === 'clerk' ? u.townships.map(townshipName).join('、') || '（未分配）' : '全县'}</td>
              <td>{u.disabled ? '已停用' : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? '已锁定' : '正常'}</td>
              <td>
                <button className="reveal-link" onClick={() => setDraft({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, townships: u.townships, disabled: u.disabled, password: '' })}>修改</button>
                <button className="reveal-link" onClick={() => setResetting(u)} data-testid={`user-reset-${u.username}`}>重置密码</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {draft && <UserDialog draft={draft} townships={townships} onCancel={() => setDraft(null)} onSaved={(name) => { setDraft(null); setMessage({ kind: 'info', text: `已保存用户 ${name}` }); load(); }} />}
      {resetting && (
        <PasswordDialog title={`重置密码：${resetting.displayName}（${resetting.username}）`} askOld={false} onCancel={() => setResetting(null)}
          onSave={async (password) => {
            await call('users.resetPassword', { id: resetting.id, password });
            setMessage({ kind: 'info', text: `已重置 ${resetting.displayName} 的密码；其已登录的会话已退出` });
            setResetting(null);
            load();
          }} />
      )}
    </div>
  );
}

function UserDialog({ draft: initial, townships, onCancel, onSaved }: { draft: Draft; townships: Townships; onCancel(): void; onSaved(username: string): void }) {
  const [draft, setDraft] = useState(initial);
  const [failure, setFailure] = useState<string | null>(null);
  // A clerk works only in their townships: without one they could do nothing, so the form asks first.
  const missingTownship = draft.role === 'clerk' && draft.townships.length === 0;
  async function save() {
    // The old refusal goes as the new attempt starts: what shows after it is this attempt's answer.
    setFailure(null);
    if (missingTownship) { setFailure('录入员至少要负责一个乡镇：请在下方勾选'); return; }
    try {
      const { password, ...rest } = draft;
      await call('users.save', { ...rest, ...(password ? { password } : {}) });
      onSaved(draft.username);
    } catch (e) { setFailure((e as Error).message); }
  }
  const edit = (patch: Partial<Draft>) => { setDraft({ ...draft, ...patch }); setFailure(null); };
  return (
    <Dialog label="用户" testId="user-dialog" onClose={onCancel} onSubmit={() => void save()}>
      <h2>{draft.id ? `修改用户：${draft.username}` : '新增用户'}</h2>
      <div className="form-grid">
        <label className="field"><span className="field-label">用户名<em>*</em></span><input value={draft.username} onChange={(e) => edit({ username: e.target.value })} data-testid="user-username" autoFocus /></label>
        <label className="field"><span className="field-label">姓名<em>*</em></span><input value={draft.displayName} onChange={(e) => edit({ displayName: e.target.value })} data-testid="user-display-name" /></label>
        <label className="field"><span className="field-label">角色</span>
          <select value={draft.role} onChange={(e) => edit({ role: e.target.value as Draft['role'] })} data-testid="user-role">
            {(['clerk', 'manager', 'admin'] as const).map((r) => <option key={r} value={r}>{ROLE_NAMES[r]}</option>)}
          </select>
        </label>
        <label className="field"><span className="field-label">{draft.id ? '新密码（不改请留空）' : '初始密码（至少8位，含字母和数字）'}{!draft.id && <em>*</em>}</span><input type="password" autoComplete="new-password" value={draft.password} onChange={(e) => edit({ password: e.target.value })} data-testid="user-password" /></label>
        <label className="field"><span className="field-label">状态</span>
          <select value={draft.disabled ? '1' : '0'} onChange={(e) => edit({ disabled: e.target.value === '1' })}><option value="0">正常</option><option value="1">停用</option></select>
        </label>
      </div>
      {draft.role === 'clerk' && (
        <>
          <h3>负责乡镇<em className="required-mark">*</em></h3>
          <div className="townships-picker">
            {townships.map((t) => (
              <label key={t.code}>
                <input type="checkbox" checked={draft.townships.includes(t.code)} data-testid={`user-township-${t.name}`}
                  onChange={(e) => edit({ townships: e.target.checked ? [...draft.townships, t.code] : draft.townships.filter((c) => c !== t.code) })} />
                {t.name}
              </label>
            ))}
          </div>
        </>
      )}
      {failure && <div className="banner error" role="alert" data-testid="user-failure">{failure}</div>}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>取消</button>
        <button type="submit" data-testid="user-save">保存</button>
      </div>
    </Dialog>
  );
}
