// A new password typed twice (and, for one's own, the old one): used by 重置密码 and 修改我的密码.
// The engine's refusal (a weak password, a wrong old one) shows inside this dialog.
import { useState } from 'react';
import { Dialog } from './Dialog';

export function PasswordDialog({ title, askOld, onCancel, onSave }: {
  title: string; askOld: boolean; onCancel(): void; onSave(password: string, oldPassword: string): Promise<void>;
}) {
  const [oldPassword, setOldPassword] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const mismatch = again !== '' && again !== password;
  const ready = password !== '' && again === password && (!askOld || oldPassword !== '') && !saving;
  async function submit() {
    if (!ready) return;
    // The old refusal goes as the new attempt starts: what shows after it is this attempt's answer.
    setFailure(null);
    setSaving(true);
    try { await onSave(password, oldPassword); } catch (e) { setFailure((e as Error).message); } finally { setSaving(false); }
  }
  return (
    <Dialog label={title} size="narrow" testId="password-dialog" onClose={onCancel} onSubmit={() => void submit()}>
      <h2>{title}</h2>
      {askOld && (
        <label className="field"><span className="field-label">原密码<em>*</em></span>
          <input type="password" autoComplete="current-password" value={oldPassword} onChange={(e) => { setOldPassword(e.target.value); setFailure(null); }} autoFocus data-testid="password-old" /></label>
      )}
      <label className="field"><span className="field-label">新密码（至少8位，含字母和数字）<em>*</em></span>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.target.value); setFailure(null); }} autoFocus={!askOld} data-testid="password-new" /></label>
      <label className="field"><span className="field-label">再输入一次新密码<em>*</em></span>
        <input type="password" autoComplete="new-password" value={again} onChange={(e) => { setAgain(e.target.value); setFailure(null); }} data-testid="password-again" />
        {mismatch && <span className="field-error">两次输入的新密码不一致</span>}
      </label>
      {failure && <div className="banner error" role="alert" data-testid="password-failure">{failure}</div>}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>取消</button>
        <button type="submit" disabled={!ready} data-testid="password-save">{saving ? '正在保存…' : '保存'}</button>
      </div>
    </Dialog>
  );
}
