// 培训服务: the "131" service (a per-township list of labourers who want work and still lack part of
// 1/3/1, each person's record and counter, recording a service) and 技能培训 (sessions, enrolment by
// search, completion and certificates).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LedgerRowView, ServiceView, TraineeView, TrainingView } from '../../../shared/contract/employment';
import { SERVICE_KIND_NAMES, SERVICE_KINDS, type ServiceKind } from '../../../shared/domain/services';
import { ApiFailure, call } from '../api';
import type { AppInfo } from '../App';
import { useMayCall } from '../session';
import { ledgerYears } from './EmploymentPage';
import { localDate } from '../../../shared/domain/dates';
import { count } from '../format';
import { DateField } from '../components/DateField';

function errorText(e: unknown): string {
  const fields = e instanceof ApiFailure ? (e.details as { fields?: Record<string, { message: string }> } | undefined)?.fields : undefined;
  return fields ? Object.values(fields).map((f) => f.message).join('；') : (e as Error).message;
}

/** The 1/3/1 counter of one person, each part green once reached. */
export function ServiceCounter({ row }: { row: LedgerRowView }) {
  const p = row.progress;
  const part = (label: string, got: number, quota: number, testId: string) => (
    <span className={got >= quota ? 'counter-part done' : 'counter-part'} data-testid={testId}>{label} {Math.min(got, quota)}/{quota}</span>
  );
  return (
    <div className="service-counter" data-testid="service-counter">
      {part('职业指导', p.guidance, 1, 'counter-guidance')}
      {part('岗位信息', p.jobOffers, 3, 'counter-offers')}
      {part('培训项目', p.training, 1, 'counter-training')}
      <span className={p.complete ? 'counter-state done' : 'counter-state'}>{p.complete ? '“131”服务已全部到位' : p.missing.join('，')}</span>
    </div>
  );
}

function PersonServices({ person, year, onChanged }: { person: LedgerRowView; year: number; onChanged(row: LedgerRowView): void }) {
  const mayAdd = useMayCall('services.add');
  const [services, setServices] = useState<ServiceView[]>([]);
  const [row, setRow] = useState(person);
  const defaultDate = localDate() < `${year}-12-31` ? localDate() : `${year}-12-31`;
  const [draft, setDraft] = useState({ date: defaultDate, kind: 'guidance' as ServiceKind, employer: '', post: '', note: '' });
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  // Until the person's records arrive, nothing is added: a late answer would overwrite the new record.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    setRow(person);
    setLoaded(false);
    call('services.list', { personId: person.personId, year })
      .then((r) => { setServices(r.services); if (r.row) setRow(r.row); setLoaded(true); })
      .catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, [person, year]);

  async function add() {
    try {
      const result = await call('services.add', { personId: row.personId, date: draft.date, kind: draft.kind, employer: draft.employer || null, post: draft.post || null, note: draft.note || null });
      if (result.service.date.startsWith(String(year))) setServices((list) => [...list, result.service].sort((a, b) => a.date.localeCompare(b.date)));
      if (result.row && result.service.date.startsWith(String(year))) { setRow(result.row); onChanged(result.row); }
      setMessage({ kind: 'info', text: `已记录：${SERVICE_KIND_NAMES[draft.kind]}（${draft.date}）` });
      setDraft({ ...draft, employer: '', post: '', note: '' });
    } catch (e) { setMessage({ kind: 'error', text: errorText(e) }); }
  }
  async function remove(id: number) {
    try {
      const result = await call('services.delete', { id });
      setServices((list) => list.filter((s) => s.id !== id));
      if (result.row) { setRow(result.row); onChanged(result.row); }
    } catch (e) { setMessage({ kind: 'error', text: errorText(e) }); }
  }

  return (
    <section className="person-services" data-testid="person-services" data-loaded={loaded}>
      <h2>{row.name}（{row.townshipName}{row.villageName}，{row.age}岁）<span className="muted">{row.status}{row.form ? `·${row.form}` : ''}</span></h2>
      <ServiceCounter row={row} />
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="service-message">{message.text}</div>}
      <table className="plain-table">
        <thead><tr><th>日期</th><th>服务</th><th>用工单位</th><th>岗位</th><th>说明</th><th>记录人</th>{mayAdd && <th />}</tr></thead>
        <tbody data-testid="service-list">
          {services.length === 0 && <tr><td colSpan={7} className="muted">{year}年还没有服务记录</td></tr>}
          {services.map((s) => (
            <tr key={s.id}>
              <td>{s.date}</td><td>{SERVICE_KIND_NAMES[s.kind]}</td><td>{s.employer ?? ''}</td><td>{s.post ?? ''}</td><td>{s.note ?? ''}</td><td data-latin-ok>{s.createdBy}</td>
              {mayAdd && <td><button className="link" onClick={() => remove(s.id)}>删除</button></td>}
            </tr>
          ))}
        </tbody>
      </table>
      {mayAdd && (
        <div className="service-form" data-testid="service-form">
          <label className="field"><span className="field-label">日期</span><DateField value={draft.date} onChange={(date) => setDraft({ ...draft, date })} testId="service-date" /></label>
          <label className="field"><span className="field-label">服务</span>
            <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as ServiceKind })} data-testid="service-kind">
              {SERVICE_KINDS.map((k) => <option key={k} value={k}>{SERVICE_KIND_NAMES[k]}</option>)}
            </select>
          </label>
          {draft.kind === 'job_offer' && <>
            <label className="field"><span className="field-label">用工单位</span><input value={draft.employer} onChange={(e) => setDraft({ ...draft, employer: e.target.value })} data-testid="service-employer" /></label>
            <label className="field"><span className="field-label">岗位</span><input value={draft.post} onChange={(e) => setDraft({ ...draft, post: e.target.value })} data-testid="service-post" /></label>
          </>}
          <label className="field"><span className="field-label">说明</span><input value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} data-testid="service-note" /></label>
          <button onClick={add} disabled={!loaded} data-testid="service-add">记录服务</button>
        </div>
      )}
    </section>
  );
}

function ServicesTab({ rows, year, onChanged }: { rows: LedgerRowView[]; year: number; onChanged(row: LedgerRowView): void }) {
  const [township, setTownship] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<LedgerRowView | null>(null);
  const townships = useMemo(() => [...new Map(rows.map((r) => [r.townshipCode, r.townshipName])).entries()], [rows]);
  const lacking = rows.filter((r) => r.serviceTarget && !r.progress.complete && (!township || r.townshipCode === township));
  const q = search.trim().toLowerCase();
  const found = q ? rows.filter((r) => r.name.includes(search.trim()) || r.nameInitials.includes(q) || r.idNumber.toLowerCase().includes(q)).slice(0, 30) : [];
  const perTownship = townships.map(([code, name]) => ({
    code, name,
    targets: rows.filter((r) => r.townshipCode === code && r.serviceTarget).length,
    lacking: rows.filter((r) => r.townshipCode === code && r.serviceTarget && !r.progress.complete).length,
  }));
  return (
    <div className="services-layout">
      <div className="services-list">
        <div className="toolbar">
          <select value={township} onChange={(e) => setTownship(e.target.value)} data-testid="gap-township" aria-label="乡镇">
            <option value="">全部乡镇</option>{townships.map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
          <input type="search" className="search" placeholder="查找任一劳动力：姓名、拼音首字母或身份证号" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="service-search" />
        </div>
        {q ? (
          <ul className="pick-list" data-testid="service-search-results">
            {found.map((r) => <li key={r.personId}><button className="link" onClick={() => setSelected(r)}>{r.name}</button> {r.townshipName}{r.villageName} {r.idNumber} <span className="muted">{r.status}</span></li>)}
            {found.length === 0 && <li className="muted">没有找到</li>}
          </ul>
        ) : (
          <>
            <table className="plain-table compact">
              <thead><tr><th>乡镇</th><th>服务对象</th><th>尚未到位</th></tr></thead>
              <tbody>{perTownship.map((t) => <tr key={t.code} className={t.code === township ? 'selected' : ''} onClick={() => setTownship(t.code)}><td>{t.name}</td><td className="num">{t.targets}</td><td className="num">{t.lacking}</td></tr>)}</tbody>
            </table>
            <h3>有就业意愿、“131”服务尚未到位的劳动力（{lacking.length}人）</h3>
            <div className="scroll-list">
              <table className="plain-table compact" data-testid="gap-list">
                <thead><tr><th>姓名</th><th>乡镇</th><th>村</th><th>1/3/1</th><th>还差</th><th>最近服务</th></tr></thead>
                <tbody>
                  {lacking.slice(0, 300).map((r) => (
                    <tr key={r.personId} className={selected?.personId === r.personId ? 'selected' : ''} onClick={() => setSelected(r)} data-testid={`gap-${r.personId}`}>
                      <td>{r.name}</td><td>{r.townshipName}</td><td>{r.villageName}</td><td>{r.progress.label}</td><td>{r.progress.missing.join('，')}</td><td>{r.lastServiceDate ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {lacking.length > 300 && <p className="muted">仅显示前300人，请按乡镇筛选。</p>}
            </div>
          </>
        )}
      </div>
      <div className="services-detail">
        {selected ? <PersonServices person={selected} year={year} onChanged={(row) => { setSelected(row); onChanged(row); }} /> : <p className="muted">在左侧选择一名劳动力，查看并记录“131”服务。</p>}
      </div>
    </div>
  );
}

const EMPTY_TRAINING = { name: '', trade: '', startDate: '', endDate: '', place: '', organiser: '' };

function TrainingsTab({ rows, year }: { rows: LedgerRowView[]; year: number }) {
  const mayEdit = useMayCall('trainings.save');
  const [sessions, setSessions] = useState<TrainingView[]>([]);
  const [selected, setSelected] = useState<TrainingView | null>(null);
  const [trainees, setTrainees] = useState<TraineeView[]>([]);
  const [draft, setDraft] = useState<typeof EMPTY_TRAINING | null>(null);
  const [search, setSearch] = useState('');
  const [pasted, setPasted] = useState('');
  const [message, setMessage] = useState<{ kind: 'info' | 'error' | 'warning'; text: string; refused?: string[] } | null>(null);

  const loadSessions = useCallback(() => { call('trainings.list', { year }).then(setSessions).catch((e: Error) => setMessage({ kind: 'error', text: e.message })); }, [year]);
  useEffect(loadSessions, [loadSessions]);
  // The session whose trainees are on screen: until its list arrives, the section says so (and tests wait for it).
  const [traineesOf, setTraineesOf] = useState<number | null>(null);
  const loadTrainees = useCallback((training: TrainingView) => {
    setSelected(training);
    call('trainings.trainees', { trainingId: training.id })
      .then((list) => { setTrainees(list); setTraineesOf(training.id); })
      .catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, []);

  async function saveSession() {
    if (!draft) return;
    try {
      const saved = await call('trainings.save', { year, ...draft });
      setDraft(null);
      setMessage({ kind: 'info', text: `已保存培训期次：${saved.name}` });
      loadSessions();
      loadTrainees(saved);
    } catch (e) { setMessage({ kind: 'error', text: errorText(e) }); }
  }
  async function enrol(personIds: number[], idNumbers: string[] = []) {
    if (!selected) return;
    try {
      const result = await call('trainings.enrol', { trainingId: selected.id, personIds, idNumbers });
      // The good lines are enrolled; each refused one is listed with its reason.
      const refused = result.notFound.map((n) => `${n.value}：${n.message}`);
      const text = `已报名 ${count(result.enrolled)} 人${result.already ? `，${count(result.already)} 人已在本期培训中` : ''}${refused.length ? `；${count(refused.length)} 行未报名：` : ''}`;
      setMessage({ kind: refused.length ? (result.enrolled ? 'warning' : 'error') : 'info', text, refused });
      if (idNumbers.length) setPasted('');
      loadTrainees(selected);
      loadSessions();
    } catch (e) { setMessage({ kind: 'error', text: errorText(e) }); }
  }
  async function setTrainee(t: TraineeView, completed: boolean, certificate: string | null) {
    if (!selected) return;
    try {
      const saved = await call('trainings.setTrainee', { trainingId: selected.id, personId: t.personId, completed, certificate });
      setTrainees((list) => list.map((x) => (x.personId === saved.personId ? saved : x)));
      loadSessions();
    } catch (e) { setMessage({ kind: 'error', text: errorText(e) }); }
  }

  const enrolled = new Set(trainees.map((t) => t.personId));
  const q = search.trim().toLowerCase();
  const candidates = q ? rows.filter((r) => !enrolled.has(r.personId) && (r.name.includes(search.trim()) || r.nameInitials.includes(q) || r.idNumber.toLowerCase().includes(q))).slice(0, 20) : [];
  const field = (key: keyof typeof EMPTY_TRAINING, label: string) => (
    <label className="field"><span className="field-label">{label}</span>
      {key === 'startDate' || key === 'endDate'
        ? <DateField value={draft?.[key] ?? ''} onChange={(v) => setDraft({ ...(draft ?? EMPTY_TRAINING), [key]: v })} testId={`training-${key}`} />
        : <input value={draft?.[key] ?? ''} onChange={(e) => setDraft({ ...(draft ?? EMPTY_TRAINING), [key]: e.target.value })} data-testid={`training-${key}`} />}
    </label>
  );
  const totals = sessions.reduce((t, s) => ({ trainees: t.trainees + s.trainees, completed: t.completed + s.completed, certified: t.certified + s.certified }), { trainees: 0, completed: 0, certified: 0 });

  return (
    <div>
      {message && (
        <div className={`banner ${message.kind}`} role="status" data-testid="training-message">{message.text}
          {message.refused && message.refused.length > 0 && <ul className="refused-lines" data-testid="enrol-refused">{message.refused.map((r, i) => <li key={i}>{r}</li>)}</ul>}
        </div>
      )}
      <div className="toolbar">
        <span data-testid="training-totals">{year}年共 {sessions.length} 期，参训 {totals.trainees} 人，结业 {totals.completed} 人，取得证书 {totals.certified} 人</span>
        <span className="spacer" />
        {mayEdit && <button onClick={() => setDraft({ ...EMPTY_TRAINING })} data-testid="training-new">新增培训期次</button>}
      </div>
      {draft && (
        <div className="form-grid training-form" data-testid="training-form">
          {field('name', '培训名称')}{field('trade', '培训工种')}{field('startDate', '开始日期')}{field('endDate', '结束日期')}{field('place', '培训地点')}{field('organiser', '承办机构')}
          <div className="dialog-actions"><button className="secondary" onClick={() => setDraft(null)}>取消</button><button onClick={saveSession} data-testid="training-save">保存</button></div>
        </div>
      )}
      <table className="plain-table" data-testid="training-list">
        <thead><tr><th>期次</th><th>工种</th><th>日期</th><th>地点</th><th>承办机构</th><th>参训</th><th>结业</th><th>取证</th></tr></thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} className={selected?.id === s.id ? 'selected' : ''} onClick={() => loadTrainees(s)}>
              <td>{s.name}</td><td>{s.trade}</td><td>{s.startDate} 至 {s.endDate}</td><td>{s.place}</td><td>{s.organiser}</td><td className="num">{s.trainees}</td><td className="num">{s.completed}</td><td className="num">{s.certified}</td>
            </tr>
          ))}
          {sessions.length === 0 && <tr><td colSpan={8} className="muted">{year}年还没有培训期次</td></tr>}
        </tbody>
      </table>
      {selected && (
        <section className="trainees" data-testid="trainees" data-loaded={traineesOf === selected.id}>
          <h2>{selected.name}：参训人员 {trainees.length} 人</h2>
          {mayEdit && (
            <div className="toolbar">
              <input type="search" className="search" placeholder="按姓名、拼音首字母或身份证号查找劳动力后报名" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="enrol-search" />
              <ul className="pick-list inline">{candidates.map((r) => <li key={r.personId}>{r.name}（{r.townshipName}{r.villageName}）<button className="link" onClick={() => enrol([r.personId])} data-testid={`enrol-${r.personId}`}>报名</button></li>)}</ul>
            </div>
          )}
          {mayEdit && (
            <div className="toolbar">
              <textarea className="paste-ids" rows={3} placeholder="批量报名：从乡镇报来的名单（Excel）中复制身份证号一列，粘贴到这里，每行一个" value={pasted} onChange={(e) => setPasted(e.target.value)} data-testid="enrol-paste" />
              <button onClick={() => enrol([], pasted.split(/[\r\n,，;；\t]+/))} disabled={!pasted.trim()} data-testid="enrol-paste-submit">按身份证号报名</button>
            </div>
          )}
          <div className="scroll-list">
            <table className="plain-table compact">
              <thead><tr><th>姓名</th><th>身份证号</th><th>乡镇</th><th>村</th><th>结业</th><th>证书编号</th></tr></thead>
              <tbody>
                {trainees.map((t) => (
                  <tr key={t.personId}>
                    <td>{t.name}</td><td>{t.idMasked}</td><td>{t.townshipName}</td><td>{t.villageName}</td>
                    <td><input type="checkbox" checked={t.completed} disabled={!mayEdit} onChange={(e) => setTrainee(t, e.target.checked, t.certificate)} aria-label={`${t.name}结业`} /></td>
                    <td>{mayEdit ? <input defaultValue={t.certificate ?? ''} onBlur={(e) => { if ((e.target.value || null) !== t.certificate) void setTrainee(t, t.completed, e.target.value || null); }} aria-label={`${t.name}证书编号`} /> : t.certificate ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

export function ServicesPage({ info }: { info: AppInfo }) {
  const { years, initial } = useMemo(() => ledgerYears(info), [info]);
  const [year, setYear] = useState(initial);
  const [tab, setTab] = useState<'services' | 'trainings'>('services');
  const [rows, setRows] = useState<LedgerRowView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRows(null);
    call('employment.ledger', { year }).then((l) => setRows(l.rows)).catch((e: Error) => setError(e.message));
  }, [year]);
  const onChanged = useCallback((row: LedgerRowView) => setRows((list) => list?.map((r) => (r.personId === row.personId ? row : r)) ?? null), []);
  const targets = rows?.filter((r) => r.serviceTarget) ?? [];
  const complete = targets.filter((r) => r.progress.complete).length;
  return (
    <section className="services-page">
      <div className="toolbar">
        <h1>培训服务</h1>
        <label>年度 <select value={year} onChange={(e) => setYear(Number(e.target.value))}>{years.map((y) => <option key={y} value={y}>{y}年</option>)}</select></label>
        <div className="tabs">
          <button className={tab === 'services' ? '' : 'secondary'} onClick={() => setTab('services')} data-testid="tab-services">“131”就业服务</button>
          <button className={tab === 'trainings' ? '' : 'secondary'} onClick={() => setTab('trainings')} data-testid="tab-trainings">技能培训</button>
        </div>
        {rows && <span className="count" data-testid="service-summary">服务对象 {targets.length.toLocaleString('zh-CN')} 人，“131”全部到位 {complete.toLocaleString('zh-CN')} 人</span>}
      </div>
      {error && <div className="banner error">{error}</div>}
      {!rows && !error && <p className="loading">正在加载…</p>}
      {rows && tab === 'services' && <ServicesTab rows={rows} year={year} onChanged={onChanged} />}
      {rows && tab === 'trainings' && <TrainingsTab rows={rows} year={year} />}
    </section>
  );
}
