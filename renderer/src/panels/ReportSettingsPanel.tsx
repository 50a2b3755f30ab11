// 设置 → 报表设置: who signs the reports (printed in every report's footer) and how the 公示 roster is posted.
// Kept in the database, so nobody types them again each month.
import { useEffect, useState } from 'react';
import { call } from '../api';
import type { ReportSettingsView } from '../../../shared/contract/reports';

const SIGNATURES: { key: keyof ReportSettingsView['signatures']; label: string; hint?: string }[] = [
  { key: 'unit', label: '填报单位', hint: '不填则为“本县人力资源和社会保障局”' },
  { key: 'head', label: '单位负责人' },
  { key: 'reviewer', label: '审核人' },
  { key: 'preparer', label: '填表人' },
  { key: 'phone', label: '联系电话' },
];

export function ReportSettingsPanel() {
  const [settings, setSettings] = useState<ReportSettingsView | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  useEffect(() => { call('reports.settings', {}).then(setSettings).catch((e: Error) => setMessage({ kind: 'error', text: e.message })); }, []);
  if (!settings) return message ? <div className="banner error">{message.text}</div> : <div className="loading">正在读取…</div>;

  const setSignature = (key: keyof ReportSettingsView['signatures'], value: string) => setSettings({ ...settings, signatures: { ...settings.signatures, [key]: value } });
  const save = async () => {
    try {
      setSettings(await call('reports.saveSettings', settings));
      setMessage({ kind: 'info', text: '已保存，之后生成的报表都使用这些设置。' });
    } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  };
  return (
    <div className="report-settings" data-testid="report-settings">
      <h2>报表表尾</h2>
      <div className="form-grid">
        {SIGNATURES.map((s) => (
          <label key={s.key} className="field">
            <span className="field-label">{s.label}</span>
            <input value={settings.signatures[s.key]} placeholder={s.hint} onChange={(e) => setSignature(s.key, e.target.value)} data-testid={`settings-${s.key}`} />
          </label>
        ))}
      </div>
      <h2>公示名单</h2>
      <div className="form-grid">
        <label className="field"><span className="field-label">公示天数</span>
          <input type="number" min={1} max={60} value={settings.publicity.days} onChange={(e) => setSettings({ ...settings, publicity: { ...settings.publicity, days: Math.max(1, Number(e.target.value) || 1) } })} data-testid="settings-publicity-days" /></label>
        <label className="field"><span className="field-label">监督电话（受理异议）</span>
          <input value={settings.publicity.phone} onChange={(e) => setSettings({ ...settings, publicity: { ...settings.publicity, phone: e.target.value } })} data-testid="settings-publicity-phone" /></label>
        <label className="field"><span className="field-label">每页张贴范围</span>
          <select value={settings.publicity.grouping} onChange={(e) => setSettings({ ...settings, publicity: { ...settings.publicity, grouping: e.target.value as 'township' | 'village' } })} data-testid="settings-publicity-grouping">
            <option value="township">每个乡镇一页</option><option value="village">每个村一页</option>
          </select></label>
      </div>
      <div className="dialog-actions" style={{ justifyContent: 'flex-start' }}><button onClick={save} data-testid="settings-reports-save">保存</button></div>
      {message && <div className={`banner ${message.kind}`} role="status">{message.text}</div>}
    </div>
  );
}
