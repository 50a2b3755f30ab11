import { useEffect, useState } from 'react';
import { formatYuan } from '../../../shared/domain/money';
import { count } from '../format';
import type { AppInfo, Townships } from '../App';
import { useMayCall } from '../session';
import { UsersPanel } from '../panels/UsersPanel';
import { BackupsPanel } from '../panels/BackupsPanel';
import { AuditPanel } from '../panels/AuditPanel';
import { ReportSettingsPanel } from '../panels/ReportSettingsPanel';
import { BankTemplatePanel } from '../panels/BankTemplatePanel';
import { PolicyEditor } from '../components/PolicyEditor';
import { ConnectionPanel } from '../panels/ConnectionPanel';
import { desktop } from '../api';
import type { DesktopConnection } from '../../../shared/contract/desktop';

type Tab = 'county' | 'reports' | 'users' | 'backups' | 'audit' | 'bank' | 'connection';

export function SettingsPage({ info, townships, onPoliciesChanged }: { info: AppInfo; townships: Townships; onPoliciesChanged(): void }) {
  const [tab, setTab] = useState<Tab>('county');
  const tabs: { key: Tab; title: string; allowed: boolean }[] = [
    { key: 'county', title: '本县与年度政策', allowed: true },
    { key: 'reports', title: '报表设置', allowed: useMayCall('reports.saveSettings') },
    { key: 'users', title: '用户管理', allowed: useMayCall('users.list') },
    { key: 'backups', title: '数据备份', allowed: useMayCall('backups.list') },
    { key: 'audit', title: '审计日志', allowed: useMayCall('audit.list') },
    { key: 'bank', title: '银行文件格式', allowed: useMayCall('payments.saveTemplate') },
    // The desktop app's own setting (本机数据库 / 连接单位服务器); absent in a browser and in a window onto the office server.
    { key: 'connection', title: '连接方式', allowed: Boolean(desktop?.connection) },
  ];
  return (
    <section className="settings">
      <h1>设置</h1>
      <div className="tabs" role="tablist">
        {tabs.filter((t) => t.allowed).map((t) => (
          <button key={t.key} role="tab" className={t.key === tab ? 'tab active' : 'tab'} onClick={() => setTab(t.key)} data-testid={`settings-tab-${t.key}`}>{t.title}</button>
        ))}
      </div>
      {tab === 'county' && <CountyPanel info={info} townships={townships} onPoliciesChanged={onPoliciesChanged} />}
      {tab === 'reports' && <ReportSettingsPanel />}
      {tab === 'users' && <UsersPanel townships={townships} />}
      {tab === 'backups' && <BackupsPanel />}
      {tab === 'audit' && <AuditPanel townships={townships} />}
      {tab === 'bank' && <BankTemplatePanel />}
      {tab === 'connection' && <ConnectionTab />}
    </section>
  );
}

function ConnectionTab() {
  const [current, setCurrent] = useState<DesktopConnection | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    desktop?.connection?.().then((answer) => (answer.ok ? setCurrent(answer.data) : setFailure(answer.error.message))).catch((e: Error) => setFailure(e.message));
  }, []);
  return (
    <div data-testid="connection-panel">
      <h2>连接方式</h2>
      {failure && <div className="banner error" role="alert">{failure}</div>}
      {current && <ConnectionPanel current={current} firstStart={false} />}
    </div>
  );
}

function CountyPanel({ info, townships, onPoliciesChanged }: { info: AppInfo; townships: Townships; onPoliciesChanged(): void }) {
  const villages = townships.reduce((n, t) => n + t.villages.length, 0);
  return (
    <>
      <h2>本县</h2>
      {info.user.role === 'clerk'
        // A clerk sees only their own townships: say so rather than make the county look one township big.
        ? <p data-testid="county-scope">{info.county.provinceName}{info.county.cityName}{info.county.name}（区划代码 {info.county.code}）。您负责：{townships.map((t) => `${t.name}（${count(t.villages.length)} 个村、社区）`).join('、')}。</p>
        : <p data-testid="county-scope">{info.county.provinceName}{info.county.cityName}{info.county.name}（区划代码 {info.county.code}）：{count(townships.length)} 个乡镇，{count(villages)} 个村（社区）。</p>}
      <p className="muted">数据库文件：<span className="path" data-latin-ok>{info.databasePath}</span></p>
      <h2>年度政策</h2>
      {info.policies.length === 0 ? <p className="muted">尚未设置年度政策。</p> : (
        <table className="plain-table" data-testid="policies">
          <thead><tr><th>年度</th><th>月补贴标准（元）</th><th>协议期（月）</th><th>发放月份</th><th>计划岗位</th><th>就业目标</th><th>月应出勤天数</th><th>年龄</th><th>一户一岗</th></tr></thead>
          <tbody>
            {info.policies.map((p) => (
              <tr key={p.year}>
                <td>{p.year}</td><td className="num">{formatYuan(p.monthlySubsidyFen)}</td><td className="num">{p.agreementMonths}</td>
                <td>{p.firstPaidMonth} 至 {p.lastPaidMonth}</td><td className="num">{p.plannedPosts.toLocaleString('zh-CN')}</td>
                <td className="num">{p.employmentTarget?.toLocaleString('zh-CN') ?? '—'}</td><td className="num">{p.requiredDays}</td>
                <td>{p.minAge} 岁起；{p.warnAge} 岁起需确认；{p.refuseAge} 岁起不得上岗</td><td>{p.householdRule === 'warn' ? '提醒' : '不允许'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {info.user.role === 'admin'
        ? <PolicyEditor info={info} townships={townships} onSaved={onPoliciesChanged} />
        : <p className="muted">年度政策由管理员设置。</p>}
    </>
  );
}
