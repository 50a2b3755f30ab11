// 年度政策 editor (administrator): a year's subsidy, agreement and paid months, planned posts for the county and
// each township, employment target, attendance days, age band and the household rule. Checked as typed by the
// same rules the engine applies (shared/domain/policy.ts).
import { useEffect, useMemo, useState } from 'react';
import { policyProblems, DEFAULT_AGE_BAND, type TownshipPlan, type YearPolicy } from '../../../shared/domain/policy';
import { formatYuan, parseYuanToFen } from '../../../shared/domain/money';
import { call } from '../api';
import type { AppInfo, Townships } from '../App';
import { MonthField } from './DateField';

type Form = Record<'year' | 'subsidy' | 'agreementMonths' | 'firstPaidMonth' | 'lastPaidMonth' | 'plannedPosts' | 'employmentTarget' | 'requiredDays' | 'minAge' | 'warnAge' | 'refuseAge', string> & { householdRule: 'warn' | 'refuse' };

function toForm(p: YearPolicy): Form {
  return {
    year: String(p.year), subsidy: formatYuan(p.monthlySubsidyFen).replace(/,/g, ''), agreementMonths: String(p.agreementMonths),
    firstPaidMonth: p.firstPaidMonth, lastPaidMonth: p.lastPaidMonth, plannedPosts: String(p.plannedPosts),
    employmentTarget: p.employmentTarget === null ? '' : String(p.employmentTarget), requiredDays: String(p.requiredDays),
    minAge: String(p.minAge), warnAge: String(p.warnAge), refuseAge: String(p.refuseAge), householdRule: p.householdRule,
  };
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

function fromForm(f: Form): YearPolicy {
  return {
    year: whole(f.year), monthlySubsidyFen: parseYuanToFen(f.subsidy) ?? NaN, agreementMonths: whole(f.agreementMonths),
    firstPaidMonth: f.firstPaidMonth, lastPaidMonth: f.lastPaidMonth, plannedPosts: whole(f.plannedPosts),
    employmentTarget: f.employmentTarget.trim() === '' ? null : whole(f.employmentTarget), requiredDays: whole(f.requiredDays),
    minAge: whole(f.minAge), warnAge: whole(f.warnAge), refuseAge: whole(f.refuseAge), householdRule: f.householdRule,
  };
}

function blankYear(year: number): Form {
  return toForm({
    year, monthlySubsidyFen: 65000, agreementMonths: 10, firstPaidMonth: `${year}-03`, lastPaidMonth: `${year}-12`, plannedPosts: 0,
    employmentTarget: null, requiredDays: 22, ...DEFAULT_AGE_BAND, householdRule: 'warn',
  });
}

export function PolicyEditor({ info, townships, onSaved }: { info: AppInfo; townships: Townships; onSaved(): void }) {
  const years = info.policies.map((p) => p.year);
  const [year, setYear] = useState<number | 'new'>(years[years.length - 1] ?? 'new');
  const [form, setForm] = useState<Form>(() => (years.length ? toForm(info.policies[info.policies.length - 1]!) : blankYear(new Date().getFullYear())));
  const [plans, setPlans] = useState<Record<string, string>>({});
  // Township employment targets belong to the employment work; they are carried through unchanged.
  const [targets, setTargets] = useState<Record<string, number | null>>({});
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  useEffect(() => {
    if (year === 'new') {
      setForm(blankYear((years[years.length - 1] ?? new Date().getFullYear() - 1) + 1));
      setPlans({});
      setTargets({});
      return;
    }
    const policy = info.policies.find((p) => p.year === year);
    if (policy) setForm(toForm(policy));
    call('policies.plans', { year })
      .then((list) => {
        setPlans(Object.fromEntries(list.map((p) => [p.townshipCode, p.plannedPosts === null ? '' : String(p.plannedPosts)])));
        setTargets(Object.fromEntries(list.map((p) => [p.townshipCode, p.employmentTarget])));
      })
      .catch((e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, [year, info.policies]);

  const townshipPlans: TownshipPlan[] = townships.map((t) => ({ townshipCode: t.code, plannedPosts: (plans[t.code] ?? '').trim() === '' ? null : whole(plans[t.code]!), employmentTarget: targets[t.code] ?? null }));
  const policy = fromForm(form);
  const problems = useMemo(() => policyProblems(policy, townshipPlans), [JSON.stringify(policy), JSON.stringify(townshipPlans)]);

  async function save() {
    setMessage(null);
    try {
      const saved = await call('policies.save', { policy, townshipPlans });
      setMessage({ kind: 'info', text: `已保存${saved.policy.year}年度政策：月补贴${formatYuan(saved.policy.monthlySubsidyFen)}元，协议期${saved.policy.agreementMonths}个月，计划岗位${saved.policy.plannedPosts}个。已上岗人员的补贴标准不变。` });
      setYear(saved.policy.year);
      onSaved();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  const input = (key: Exclude<keyof Form, 'householdRule'>, label: string, type = 'text', disabled = false) => (
    <label className="field">
      <span className="field-label">{label}</span>
      {type === 'month'
        ? <MonthField value={form[key]} disabled={disabled} onChange={(v) => setForm({ ...form, [key]: v })} testId={`policy-${key}`} />
        : <input type={type} value={form[key]} disabled={disabled} onChange={(e) => setForm({ ...form, [key]: e.target.value })} data-testid={`policy-${key}`} />}
    </label>
  );

  return (
    <section className="policy-editor" data-testid="policy-editor" aria-label="编辑年度政策">
      <h2>编辑年度政策</h2>
      <div className="toolbar">
        <label className="inline-field">年度
          <select value={year} onChange={(e) => setYear(e.target.value === 'new' ? 'new' : Number(e.target.value))} data-testid="policy-year-select">
            {years.map((y) => <option key={y} value={y}>{y}年</option>)}
            <option value="new">新增年度…</option>
          </select>
        </label>
      </div>
      <div className="policy-form">
        {input('year', '年度', 'text', year !== 'new')}
        {input('subsidy', '月补贴标准（元）')}
        {input('agreementMonths', '协议期（月）')}
        {input('requiredDays', '月应出勤天数')}
        {input('firstPaidMonth', '首个发放月份', 'month')}
        {input('lastPaidMonth', '最后发放月份', 'month')}
        {input('plannedPosts', '全县计划岗位')}
        {input('employmentTarget', '就业目标（人）')}
        {input('minAge', '最低上岗年龄')}
        {input('warnAge', '需确认年龄（起）')}
        {input('refuseAge', '不得上岗年龄（起）')}
        <label className="field">
          <span className="field-label">一户一岗</span>
          <select value={form.householdRule} onChange={(e) => setForm({ ...form, householdRule: e.target.value as 'warn' | 'refuse' })} data-testid="policy-householdRule">
            <option value="warn">提醒（可确认后上岗）</option>
            <option value="refuse">不允许</option>
          </select>
        </label>
      </div>
      <h3>各乡镇计划岗位</h3>
      <p className="muted">留空表示该乡镇不单独设定计划，受全县计划约束；各乡镇合计不得超过全县计划。</p>
      <div className="policy-plans">
        {townships.map((t) => (
          <label key={t.code} className="field">
            <span className="field-label">{t.name}</span>
            <input aria-label={`${t.name}计划岗位`} value={plans[t.code] ?? ''} placeholder="按全县" onChange={(e) => setPlans({ ...plans, [t.code]: e.target.value })} />
          </label>
        ))}
        <div className="field"><span className="field-label">乡镇合计</span><span data-testid="plans-total">{townshipPlans.reduce((n, p) => n + (p.plannedPosts ?? 0), 0)}</span></div>
      </div>
      {problems.length > 0 && <ul className="field-error" data-testid="policy-problems">{problems.map((p) => <li key={p}>{p}</li>)}</ul>}
      {message && <div className={`banner ${message.kind}`} role="status" data-testid="policy-message">{message.text}</div>}
      <div className="dialog-actions" style={{ justifyContent: 'flex-start' }}>
        <button onClick={save} disabled={problems.length > 0} data-testid="policy-save">保存年度政策</button>
      </div>
    </section>
  );
}
