import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../shared/contract/schemas';
import { call } from './api';
import { PeoplePage } from './pages/PeoplePage';
import { SettingsPage } from './pages/SettingsPage';
import { ComingSoon } from './pages/ComingSoon';
import { PayrollPage } from './pages/PayrollPage';
import { PostsPage } from './pages/PostsPage';
import { PlacementsPage } from './pages/PlacementsPage';
import { ImportPage } from './pages/ImportPage';

export type AppInfo = ChannelOutput<'app.info'>;
export type Townships = ChannelOutput<'divisions.townships'>;

/** Every area of SPEC §1; the ones later work builds say what is coming, nothing fake. */
export const AREAS = [
  { key: 'people', title: '人员台账' },
  { key: 'employment', title: '就业台账', coming: '每名脱贫劳动力的就业状态、形式、去向和收入，按年度与目标任务对照。' },
  { key: 'posts', title: '公益岗位' },
  { key: 'placements', title: '上岗安置' },
  { key: 'payroll', title: '考勤发放' },
  { key: 'training', title: '培训服务', coming: '"131"就业服务记录与技能培训期次、参训人员、证书。' },
  { key: 'reports', title: '报表中心', coming: '一键生成报市里的五张月报表（R1–R5）。' },
  { key: 'import', title: '数据导入' },
  { key: 'settings', title: '设置' },
] as const;

type AreaKey = (typeof AREAS)[number]['key'];

export function App() {
  const [area, setArea] = useState<AreaKey>('people');
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [townships, setTownships] = useState<Townships>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([call('app.info', {}), call('divisions.townships', {})])
      .then(([i, t]) => { setInfo(i); setTownships(t); })
      .catch((e: Error) => setError(e.message));
  }, []);
  const reloadInfo = () => { call('app.info', {}).then(setInfo).catch((e: Error) => setError(e.message)); };

  const current = AREAS.find((a) => a.key === area)!;
  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">县级就业帮扶工作台</span>
        {info && <span className="app-county">{info.county.provinceName}{info.county.cityName}{info.county.name}</span>}
        <span className="spacer" />
        {info && <span className="app-user">当前用户：{info.user.role === 'admin' ? '管理员' : info.user.role === 'manager' ? '审核员' : '录入员'}</span>}
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="功能导航">
          {AREAS.map((a) => (
            <button key={a.key} className={a.key === area ? 'nav-item active' : 'nav-item'} onClick={() => setArea(a.key)} data-testid={`nav-${a.key}`}>
              {a.title}
            </button>
          ))}
        </nav>
        <main className="app-main">
          {error && <div className="banner error" role="alert">{error}</div>}
          {!error && !info && <div className="loading">正在打开数据库…</div>}
          {info && area === 'people' && <PeoplePage townships={townships} countyName={info.county.name} />}
          {info && area === 'posts' && <PostsPage info={info} townships={townships} />}
          {info && area === 'placements' && <PlacementsPage info={info} />}
          {info && area === 'payroll' && <PayrollPage info={info} />}
          {info && area === 'import' && <ImportPage />}
          {info && area === 'settings' && <SettingsPage info={info} townships={townships} onPoliciesChanged={reloadInfo} />}
          {info && 'coming' in current && <ComingSoon title={current.title} description={current.coming} />}
        </main>
      </div>
    </div>
  );
}
