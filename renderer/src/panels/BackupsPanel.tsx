// 数据备份: the automatic backups, 立即备份 (to the backups folder or a folder such as a USB stick), and
// 从备份恢复 — the engine checks the file and backs up the current state before restoring.
import { useCallback, useEffect, useState } from 'react';
import type { BackupView } from '../../../shared/contract/schemas';
import { ApiFailure, call, desktop, desktopCall } from '../api';
import { ConfirmDialog } from '../components/Dialog';

function size(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export function BackupsPanel() {
  const [backups, setBackups] = useState<BackupView[]>([]);
  const [directory, setDirectory] = useState('');
  const [retention, setRetention] = useState<{ kind: string; label: string; count: number; keep: number }[]>([]);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  // The restore being asked about: first the restore itself, then (for a backup without an administrator)
  // whether to restore it keeping the current administrator's account.
  const [asking, setAsking] = useState<{ backup: BackupView; noAdmin: string | null } | null>(null);
  // `done`: what was just done (a backup, a restore): a list that then fails to load must not hide that it was done.
  const load = useCallback((done?: string) => {
    call('backups.list', {}).then((r) => { setBackups(r.backups); setDirectory(r.directory); setRetention(r.retention); })
      .catch((e: Error) => setMessage({ kind: 'error', text: done ? `${done}（但备份列表没有刷新：${e.message}）` : e.message }));
  }, []);
  useEffect(() => load(), [load]);

  async function backupNow() {
    setBusy(true);
    try {
      const made = await call('backups.create', target.trim() ? { directory: target.trim() } : {});
      const done = `备份完成：${made.file}（${size(made.bytes)}）`;
      setMessage({ kind: 'info', text: done });
      load(done);
    } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); } finally { setBusy(false); }
  }

  // The desktop's folder dialog: the folder chosen there is granted to the engine, so the backup may go to it.
  // (Absent in a window onto the office server: its backups are the server's.)
  async function chooseFolder() {
    if (!desktop?.chooseFolder) return;
    try {
      const { folder } = await desktopCall(desktop.chooseFolder());
      if (folder) setTarget(folder);
    } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  }

  async function restore(backup: BackupView, confirmNoAdmin: boolean) {
    setAsking(null);
    setBusy(true);
    // A restore backs up the current data and copies every table: seconds on a busy machine, said meanwhile.
    setMessage({ kind: 'info', text: `正在恢复 ${backup.name}：先备份当前数据，再恢复，请稍候……` });
    try {
      const result = await call('backups.restore', confirmNoAdmin ? { file: backup.file, confirmNoAdmin: true } : { file: backup.file });
      const done = `已恢复。恢复前的数据已备份为：${result.safetyBackup}`;
      setMessage({ kind: 'info', text: done });
      load(done);
    } catch (e) {
      // A backup without an administrator: restored only on the current administrator's word (their account is kept).
      if (e instanceof ApiFailure && e.code === 'BACKUP_NO_ADMIN' && !confirmNoAdmin) { setMessage(null); setAsking({ backup, noAdmin: e.message }); }
      else setMessage({ kind: 'error', text: (e as Error).message });
    } finally { setBusy(false); }
  }

  return (
    <div data-testid="backups-panel">
      <p className="muted">自动备份：每次导入提交、撤销、月度审核、升级和恢复之前，以及每天第一次启动时。每类分别保留，位于 <span className="path" data-latin-ok>{directory}</span>。</p>
      <p data-testid="backup-retention">{retention.map((r) => `${r.label}：${r.count}/${r.keep} 份`).join('　')}</p>
      <div className="panel-toolbar">
        <label className="field"><span className="field-label">{desktop?.chooseFolder
          ? '备份到文件夹（留空则存入备份文件夹；U盘等其他文件夹请点“选择文件夹…”）'
          : <>备份到文件夹（留空则存入备份文件夹；U盘等其他文件夹须先允许：<code data-latin-ok>workbench serve --backup-folder 文件夹</code>）</>}</span>
          <input value={target} onChange={(e) => setTarget(e.target.value)} style={{ width: 360 }} data-testid="backup-target" />
        </label>
        {desktop?.chooseFolder && <button className="secondary" onClick={chooseFolder} disabled={busy} data-testid="backup-choose-folder">选择文件夹…</button>}
        <button onClick={backupNow} disabled={busy} data-testid="backup-now">立即备份</button>
      </div>
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="backup-message" data-latin-ok>{message.text}</div>}
      <table className="plain-table wide" data-testid="backup-list">
        <thead><tr><th>备份时间</th><th>文件</th><th>大小</th><th>人员数</th><th>检查</th><th>操作</th></tr></thead>
        <tbody>
          {backups.map((b) => (
            <tr key={b.file}>
              <td>{new Date(b.createdAt).toLocaleString('zh-CN', { hour12: false })}</td><td className="path" data-latin-ok>{b.name}</td><td className="num">{size(b.bytes)}</td>
              <td className="num">{b.people?.toLocaleString('zh-CN') ?? '—'}</td><td>{b.ok ? '完好' : '损坏'}</td>
              <td><button className="reveal-link" disabled={busy || !b.ok} onClick={() => setAsking({ backup: b, noAdmin: null })} data-testid="backup-restore">从此备份恢复</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {asking && (
        <ConfirmDialog title={asking.noAdmin ? '备份中没有管理员账号' : '从备份恢复数据'} testId="restore-confirm" danger
          confirmLabel={asking.noAdmin ? '仍然恢复，保留我的账号' : '确定恢复'} cancelLabel="不恢复"
          onCancel={() => setAsking(null)} onConfirm={() => void restore(asking.backup, asking.noAdmin !== null)}>
          {asking.noAdmin
            ? <p>{asking.noAdmin}</p>
            : <>
              <p>用 <b>{new Date(asking.backup.createdAt).toLocaleString('zh-CN', { hour12: false })}</b> 的备份{asking.backup.people !== null ? `（${asking.backup.people.toLocaleString('zh-CN')} 人）` : ''}替换现在的全部数据。</p>
              <p>此后录入、导入、审核的内容将以备份时为准；恢复前会先自动备份当前数据，需要时可以再从那份备份恢复回来。</p>
            </>}
        </ConfirmDialog>
      )}
    </div>
  );
}
