import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult, ChannelOutput, SessionUser } from '../../shared/contract/schemas';
import { api, call, SESSION_ENDED } from './api';
import { LoginPage } from './pages/LoginPage';
import { ROLE_NAMES, SessionContext, useMayCall } from './session';
import { FIRST_SCREEN, PeoplePage } from './pages/PeoplePage';
import { SettingsPage } from './pages/SettingsPage';
import { EmploymentPage } from './pages/EmploymentPage';
import { ServicesPage } from './pages/ServicesPage';
import { ReportsPage } from './pages/ReportsPage';
import { PayrollPage } from './pages/PayrollPage';
import { PostsPage } from './pages/PostsPage';
import { PlacementsPage } from './pages/PlacementsPage';
import { ImportPage } from './pages/ImportPage';
import { PasswordDialog } from './components/PasswordDialog';
import { HomePage } from './pages/HomePage';
import { BankPage } from './pages/BankPage';

export type AppInfo = ChannelOutput<'app.info'>;
export type Townships = ChannelOutput<'divisions.townships'>;

/** Every area of SPEC §1. */
export const AREAS = [
  { key: 'home', title: '首页' },
  { key: 'people', title: '人员台账' },
  { key: 'employment', title: '就业台账' },
  { key: 'posts', title: '公益岗位' },
  { key: 'placements', title: '上岗安置' },
  { key: 'payroll', title: '考勤发放' },
  { key: 'bank', title: '代发批次' },
  { key: 'training', title: '培训服务' },
  { key: 'reports', title: '报表中心' },
  { key: 'import', title: '数据导入' },
  { key: 'settings', title: '设置' },
] as const;

type AreaKey = (typeof AREAS)[number]['key'];

let earlyPeople: Promise<ApiResult<ChannelOutput<'people.list'>>> | null = null;

/** The area in the address (#/payroll), so F5 returns to the page one was on. */
function areaInAddress(): AreaKey {
  const key = window.location.hash.replace(/^#\/?/, '');
  return AREAS.find((a) => a.key === key)?.key ?? 'home';
}

type Auth = { state: 'checking' } | { state: 'login'; needsSetup: boolean; notice: string | null } | { state: 'in'; user: SessionUser; idleMinutes: number };

/** The login gate: first start creates the administrator; after that every session starts logged out. */
export function App() {
  const [auth, setAuth] = useState<Auth>({ state: 'checking' });
  const [error, setError] = useState<string | null>(null);

  const check = useCallback((notice: string | null = null) => {
    // 人员台账's first screen is asked for together with the session, not after it: a reload of a logged-in
    // window shows rows one round trip sooner. Not through `call`: logged out, its refusal is expected.
    if (areaInAddress() === 'people') earlyPeople = api['people.list']({ limit: FIRST_SCREEN });
    call('auth.status', {})
      .then((s) => setAuth(s.user ? { state: 'in', user: s.user, idleMinutes: s.idleMinutes } : { state: 'login', needsSetup: s.needsSetup, notice }))
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => check(), [check]);
  useEffect(() => {
    const ended = () => setAuth({ state: 'login', needsSetup: false, notice: '登录已过期，请重新登录' });
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);

  // Idle for the session's limit: log out and return to the login screen, even without a request.
  useEffect(() => {
    if (auth.state !== 'in') return;
    let last = Date.now();
    const touch = () => { last = Date.now(); };
    const events = ['mousedown', 'keydown', 'wheel', 'touchstart'] as const;
    events.forEach((e) => window.addEventListener(e, touch, { passive: true }));
    const timer = setInterval(() => {
      if (Date.now() - last > auth.idleMinutes * 60_000) {
        void call('auth.logout', {}).catch(() => undefined);
        setAuth({ state: 'login', needsSetup: false, notice: `超过${auth.idleMinutes}分钟未操作，已自动退出，请重新登录` });
      }
    }, 30_000);
    return () => { clearInterval(timer); events.forEach((e) => window.removeEventListener(e, touch)); };
  }, [auth]);

  if (error) return <div className="banner error" role="alert">{error}</div>;
  if (auth.state === 'checking') return <div className="loading">正在打开工作台…</div>;
  if (auth.state === 'login') {
    return <LoginPage needsSetup={auth.needsSetup} notice={auth.notice} onLoggedIn={(user) => setAuth({ state: 'in', user, idleMinutes: 30 })} />;
  }
  const logout = () => { void call('auth.logout', {}).finally(() => setAuth({ state: 'login', needsSetup: false, notice: '已退出登录' })); };
  return (
    <SessionContext.Provider value={auth.user}>
      <Workbench user={auth.user} onLogout={logout} />
    </SessionContext.Provider>
  );
}

function Workbench({ user, onLogout }: { user: SessionUser; onLogout(): void }) {
  const [area, setArea] = useState<AreaKey>(areaInAddress);
  // The month 首页 settled on (the one being worked on): 报表中心 opens on it.
  const [workMonth, setWorkMonth] = useState<string | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [townships, setTownships] = useState<Townships>([]);
  const [error, setError] = useState<string | null>(null);
  const [changingPassword, setChangingPassword] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const mayPay = useMayCall('payments.batches');
  const prefetchStarted = useRef(false);
  // When 人员台账 opens first: start loading its rows together with the county, not after it.
  // Used once: a later visit to 人员台账 loads afresh (an import may have changed it).
  const peoplePrefetch = useRef<Promise<ChannelOutput<'people.list'>> | undefined>(undefined);
  if (!prefetchStarted.current && area === 'people') {
    prefetchStarted.current = true;
    const early = earlyPeople;
    earlyPeople = null;
    if (area === 'people') {
      peoplePrefetch.current = (early ?? Promise.resolve(null)).then((r) => (r?.ok ? r.data : call('people.list', { limit: FIRST_SCREEN })));
    }
  }
  // Leaving for another area before 人员台账 took its rows makes them stale (an import may follow).
  const openArea = useCallback((key: AreaKey) => {
    setNotice(null);
    if (key !== 'people') peoplePrefetch.current = undefined;
    setArea(key);
    if (areaInAddress() !== key || !window.location.hash) window.history.pushState(null, '', `#/${key}`);
  }, []);
  // Back and forward in the browser move between areas too.
  useEffect(() => {
    const onPop = () => setArea(areaInAddress());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const takePeoplePrefetch = useCallback(() => { const p = peoplePrefetch.current; peoplePrefetch.current = undefined; return p; }, []);

  useEffect(() => {
    Promise.all([call('app.info', {}), call('divisions.townships', {})])
      .then(([i, t]) => { setInfo(i); setTownships(t); })
      .catch((e: Error) => setError(e.message));
  }, []);
  const reloadInfo = () => { call('app.info', {}).then(setInfo).catch((e: Error) => setError(e.message)); };

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">县级就业帮扶工作台</span>
        {info && <span className="app-county">{info.county.provinceName}{info.county.cityName}{info.county.name}</span>}
        <span className="spacer" />
        <span className="app-user" data-testid="current-user">{user.displayName}（{ROLE_NAMES[user.role]}{user.townships ? `，${townships.map((t) => t.name).join('、')}` : ''}）</span>
        <button className="link" onClick={() => setChangingPassword(true)} data-testid="change-password">修改密码</button>
        <button className="link" onClick={onLogout} data-testid="logout">退出登录</button>
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="功能导航">
          {AREAS.filter((a) => a.key !== 'bank' || mayPay).map((a) => (
            <button key={a.key} className={a.key === area ? 'nav-item active' : 'nav-item'} onClick={() => openArea(a.key)} data-testid={`nav-${a.key}`}>
              {a.title}
            </button>
          ))}
        </nav>
        <main className="app-main">
          {error && <div className="banner error" role="alert">{error}</div>}
          {notice && <div className="banner info" role="status" data-testid="app-notice">{notice}</div>}
          {!error && !info && <div className="loading">正在打开数据库…</div>}
          {info && area === 'home' && <HomePage onMonth={setWorkMonth} />}
          {info && area === 'people' && <PeoplePage townships={townships} countyName={info.county.name} takePrefetch={takePeoplePrefetch} />}
          {info && area === 'employment' && <EmploymentPage info={info} />}
          {info && area === 'posts' && <PostsPage info={info} townships={townships} />}
          {info && area === 'placements' && <PlacementsPage info={info} />}
          {info && area === 'payroll' && <PayrollPage info={info} />}
          {info && area === 'bank' && <BankPage info={info} townships={townships} />}
          {info && area === 'training' && <ServicesPage info={info} />}
          {info && area === 'reports' && <ReportsPage initialMonth={workMonth} />}
          {info && area === 'import' && <ImportPage />}
          {info && area === 'settings' && <SettingsPage info={info} townships={townships} onPoliciesChanged={reloadInfo} />}
        </main>
      </div>
      {changingPassword && (
        <PasswordDialog title="修改我的密码" askOld onCancel={() => setChangingPassword(false)} onSave={async (password, oldPassword) => {
          await call('auth.changePassword', { oldPassword, password });
          setChangingPassword(false);
          setNotice('密码已修改，下次登录请使用新密码');
        }} />
      )}
    </div>
  );
}
