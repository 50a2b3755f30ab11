// Adding or editing a person. Every field is checked as the clerk types (the pure rules of shared/ run
// here at once; the duplicate-ID check asks the engine). Birth date, sex and age come from the ID.
import { useEffect, useMemo, useState } from 'react';
import type { PersonView } from '../../../shared/contract/schemas';
import { CATEGORIES, LABOUR_ABILITIES, RELATION_TERMS, checkPerson, type FieldErrors, type PersonField, type PersonInput } from '../../../shared/domain/person';
import { ageOn, birthDateOf, parseIdNumber, sexOf } from '../../../shared/domain/id-number';
import type { WorkbenchError } from '../../../shared/domain/errors';
import { ApiFailure, call } from '../api';
import { Dialog } from './Dialog';
import type { Townships } from '../App';
import { localDate } from '../../../shared/domain/dates';
import { PaymentHistory } from './PaymentHistory';

const EMPTY: PersonInput = {
  idNumber: '', name: '', phone: '', townshipCode: '', villageCode: '', householdNo: '', relation: '',
  category: '脱贫户', labourAbility: '普通劳动力', cardNumber: '', bank: '', remark: '',
};

function fromView(p: PersonView): PersonInput {
  return {
    idNumber: p.idNumber, name: p.name, phone: p.phone, townshipCode: p.townshipCode, villageCode: p.villageCode,
    householdNo: p.householdNo, relation: p.relation, category: p.category, labourAbility: p.labourAbility,
    cardNumber: p.cardNumber, bank: p.bank, remark: p.remark,
  };
}

interface Props {
  person: PersonView | null;
  townships: Townships;
  onCancel(): void;
  onSaved(person: PersonView, isNew: boolean): void;
}

export function PersonDialog({ person, townships, onCancel, onSaved }: Props) {
  const [form, setForm] = useState<PersonInput>(person ? fromView(person) : EMPTY);
  const [touched, setTouched] = useState<Partial<Record<PersonField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const lookup = useMemo(() => {
    const owner = new Map<string, string>();
    const names = new Map(townships.map((t) => [t.code, t.name]));
    for (const t of townships) for (const v of t.villages) owner.set(v.code, t.code);
    return { townshipName: (c: string) => names.get(c), villageTownship: (c: string) => owner.get(c) };
  }, [townships]);

  // A number shown masked (the engine masks them for most users) and left as it was is the stored one: it is
  // not checked here, and the engine keeps the stored value.
  const keptMasked = (field: 'idNumber' | 'cardNumber') => person !== null && form[field] === person[field] && form[field].includes('*');
  const local = useMemo(() => {
    const result = checkPerson(form, lookup);
    const errors = { ...result.errors };
    if (keptMasked('idNumber')) delete errors.idNumber;
    if (keptMasked('cardNumber')) delete errors.cardNumber;
    return { ...result, errors };
  }, [form, lookup, person]);

  // The duplicate check needs the database: ask the engine shortly after typing stops.
  useEffect(() => {
    if (local.errors.idNumber) { setServerErrors({}); return; }
    const timer = setTimeout(() => {
      call('people.check', { id: person?.id, person: form })
        .then((r) => setServerErrors(r.errors.idNumber ? { idNumber: r.errors.idNumber as WorkbenchError } : {}))
        .catch(() => undefined);
    }, 250);
    return () => clearTimeout(timer);
  }, [form.idNumber, local.errors.idNumber, person?.id]);

  const errors: FieldErrors = { ...local.errors, ...serverErrors };
  const visible = (field: PersonField) => (submitted || touched[field]) ? errors[field] : undefined;
  const id = parseIdNumber(form.idNumber);
  const derived = id.ok ? { birth: birthDateOf(id.value), sex: sexOf(id.value), age: ageOn(birthDateOf(id.value), localDate()) }
    : keptMasked('idNumber') && person ? { birth: person.birthDate, sex: person.sex, age: person.age } : null;
  const villages = townships.find((t) => t.code === form.townshipCode)?.villages ?? [];
  const villageOutside = form.villageCode && !villages.some((v) => v.code === form.villageCode)
    ? townships.flatMap((t) => t.villages).find((v) => v.code === form.villageCode) : undefined;

  const set = (field: PersonField) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [field]: e.target.value }));
    setTouched((t) => ({ ...t, [field]: true }));
  };

  async function save() {
    setSubmitted(true);
    setFailure(null);
    if (Object.keys(errors).length > 0) return;
    setSaving(true);
    try {
      // The version the dialog opened with: someone else's save in between is refused (已被他人修改，请刷新).
      const result = await call('people.save', { id: person?.id, version: person?.version, person: form });
      onSaved(result.person, !person);
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'VALIDATION' && e.details && typeof e.details === 'object' && 'fields' in e.details) {
        setServerErrors((e.details as { fields: FieldErrors }).fields);
      }
      setFailure((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const field = (name: PersonField, label: string, control: React.ReactNode, required = false) => {
    const error = visible(name);
    const warning = local.warnings[name];
    return (
      <label className={error ? 'field has-error' : 'field'}>
        <span className="field-label">{label}{required && <em>*</em>}</span>
        {control}
        {error && <span className="field-error" role="alert" data-testid={`error-${name}`}>{error.message}</span>}
        {!error && warning && <span className="field-warning">{warning.message}</span>}
      </label>
    );
  };

  return (
    <Dialog label={person ? '修改人员' : '新增人员'} testId="person-dialog" onClose={onCancel}>
        <h2>{person ? `修改人员：${person.name}` : '新增人员'}</h2>
        <div className="form-grid">
          {field('idNumber', '身份证号', <input value={form.idNumber} onChange={set('idNumber')} maxLength={40} data-testid="field-idNumber" autoFocus />, true)}
          {field('name', '姓名', <input value={form.name} onChange={set('name')} maxLength={50} data-testid="field-name" />, true)}
          <div className="field derived" data-testid="derived">
            <span className="field-label">出生日期 / 性别 / 年龄（由身份证号得出）</span>
            <span>{derived ? `${derived.birth} / ${derived.sex} / ${derived.age} 岁` : '—'}</span>
          </div>
          {field('townshipCode', '乡镇', (
            <select value={form.townshipCode} onChange={set('townshipCode')} data-testid="field-townshipCode">
              <option value="">请选择</option>
              {townships.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
            </select>
          ), true)}
          {field('villageCode', '村', (
            <select value={form.villageCode} onChange={set('villageCode')} data-testid="field-villageCode">
              <option value="">请选择</option>
              {villageOutside && <option value={villageOutside.code}>{villageOutside.displayName}（不属于所选乡镇）</option>}
              {villages.map((v) => <option key={v.code} value={v.code}>{v.displayName}</option>)}
            </select>
          ), true)}
          {field('householdNo', '户编号', <input value={form.householdNo} onChange={set('householdNo')} maxLength={40} data-testid="field-householdNo" />)}
          {field('relation', '与户主关系', (
            <>
              <input value={form.relation} onChange={set('relation')} list="relation-terms" maxLength={20} data-testid="field-relation" />
              <datalist id="relation-terms">{RELATION_TERMS.map((r) => <option key={r} value={r} />)}</datalist>
            </>
          ))}
          {field('category', '人员类别', (
            <select value={form.category} onChange={set('category')} data-testid="field-category">
              {CATEGORIES.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          ), true)}
          {field('labourAbility', '劳动能力', (
            <select value={form.labourAbility} onChange={set('labourAbility')} data-testid="field-labourAbility">
              {LABOUR_ABILITIES.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          ), true)}
          {field('phone', '联系电话', <input value={form.phone} onChange={set('phone')} maxLength={30} data-testid="field-phone" />)}
          {field('cardNumber', '社保卡号/银行卡号', <input value={form.cardNumber} onChange={set('cardNumber')} maxLength={40} data-testid="field-cardNumber" />)}
          {field('bank', '开户银行', <input value={form.bank} onChange={set('bank')} maxLength={50} data-testid="field-bank" />)}
          {field('remark', '备注', <input value={form.remark} onChange={set('remark')} maxLength={200} data-testid="field-remark" />)}
        </div>
        {person && <PaymentHistory personId={person.id} />}
        {failure && <div className="banner error" role="alert" data-testid="save-failure">{failure}</div>}
        <div className="dialog-actions">
          <button className="secondary" onClick={onCancel}>取消</button>
          <button onClick={save} disabled={saving} data-testid="person-save">{saving ? '正在保存…' : '保存'}</button>
        </div>
    </Dialog>
  );
}
