// 上岗 / 补岗: choose the person and the post, the start date; every rule is checked by the engine as soon as
// the three are known and explained line by line (✓ passes, ! needs confirmation, ✗ refuses).
import { useEffect, useMemo, useState } from 'react';
import type { ChannelOutput, PostView } from '../../../shared/contract/schemas';
import { peopleRows, type GridPerson } from '../people-rows';
import { formatYuan } from '../../../shared/domain/money';
import { call } from '../api';
import { isIsoDate } from '../../../shared/domain/dates';
import { Dialog } from './Dialog';
import { DateField } from './DateField';

type Check = ChannelOutput<'placements.check'>;

interface Props {
  year: number;
  defaultStart: string;
  /** 补岗: the post is fixed and the holder it follows is named. */
  replacing?: { postId: number; name: string; startDate: string };
  onCancel(): void;
  onPlaced(text: string, placementId: number): void;
}

const MARK = { pass: '✓', warn: '!', refuse: '✗' } as const;

export function PlaceDialog({ year, defaultStart, replacing, onCancel, onPlaced }: Props) {
  const [people, setPeople] = useState<GridPerson[]>([]);
  const [posts, setPosts] = useState<PostView[]>([]);
  const [search, setSearch] = useState('');
  const [personId, setPersonId] = useState<number | null>(null);
  const [postId, setPostId] = useState<number | null>(replacing?.postId ?? null);
  const [startDate, setStartDate] = useState(replacing?.startDate ?? defaultStart);
  const [agreementEnd, setAgreementEnd] = useState('');
  const [check, setCheck] = useState<Check | null>(null);
  // The person, post and start date the shown check answers (tests wait for the one they asked about).
  const [checkedFor, setCheckedFor] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Ages on the start date, as the age rule judges them (not today's): asked again when the date changes.
  const ageDate = isIsoDate(startDate) ? startDate : undefined;
  useEffect(() => {
    let cancelled = false;
    Promise.all([call('people.list', { ageOn: ageDate }), call('divisions.townships', {})])
      .then(([list, townships]) => { if (!cancelled) setPeople(peopleRows(list, townships)); }).catch((e: Error) => setFailure(e.message));
    return () => { cancelled = true; };
  }, [ageDate]);
  useEffect(() => {
    call('posts.list', { year }).then((r) => setPosts(r.posts)).catch((e: Error) => setFailure(e.message));
  }, [year]);

  // Where the list carries masked IDs (managers, administrators), ID digits are matched by the engine.
  const [idMatches, setIdMatches] = useState<Set<number> | null>(null);
  const searchByEngine = people.length > 0 && people[0]!.idNumber.includes('*') && /^[0-9Xx]{4,18}$/.test(search.trim());
  useEffect(() => {
    if (!searchByEngine) { setIdMatches(null); return; }
    const timer = setTimeout(() => {
      call('people.matchId', { fragment: search.trim() }).then((r) => setIdMatches(new Set(r.ids))).catch((e: Error) => setFailure(e.message));
    }, 150);
    return () => clearTimeout(timer);
  }, [search, searchByEngine]);
  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (q.length < 1) return [];
    if (searchByEngine) return idMatches ? people.filter((p) => idMatches.has(p.id)).slice(0, 30) : [];
    return people.filter((p) => p.searchText.includes(q)).slice(0, 30);
  }, [people, search, searchByEngine, idMatches]);
  const person = people.find((p) => p.id === personId);
  // Vacant posts, the person's own village first.
  const choices = useMemo(() => {
    const list = posts.filter((p) => p.status === '空缺' || p.id === postId);
    return [...list].sort((a, b) => Number(b.villageCode === person?.villageCode) - Number(a.villageCode === person?.villageCode) || a.villageCode.localeCompare(b.villageCode));
  }, [posts, person, postId]);

  useEffect(() => {
    setCheck(null);
    setConfirmed(false);
    if (!personId || !postId || !/^\d{4}-\d{2}-\d{2}$/.test(startDate)) return;
    const timer = setTimeout(() => {
      call('placements.check', { personId, postId, startDate, agreementEndDate: agreementEnd || undefined })
        .then((c) => { setCheck(c); setCheckedFor(`${personId}|${postId}|${startDate}`); setFailure(null); })
        .catch((e: Error) => setFailure(e.message));
    }, 150);
    return () => clearTimeout(timer);
  }, [personId, postId, startDate, agreementEnd]);

  async function place() {
    if (!personId || !postId) return;
    setSaving(true);
    setFailure(null);
    try {
      const placed = await call('placements.place', { personId, postId, startDate, agreementEndDate: agreementEnd || undefined, confirmWarnings: confirmed });
      onPlaced(`${placed.replacesName ? '已补岗' : '已上岗'}：${placed.name}，${placed.villageName}${placed.postType}，${placed.startDate}至${placed.agreementEndDate}，月补贴${formatYuan(placed.subsidyFen)}元`, placed.id);
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const canSave = check?.canPlace && (!check.needsConfirmation || confirmed) && !saving;
  return (
    <Dialog label={replacing ? '补岗' : '上岗安置'} testId="place-dialog" onClose={onCancel}>
        <h2>{replacing ? `补岗：接替${replacing.name}` : '上岗安置'}</h2>
        <div className="form-grid">
          <label className="field">
            <span className="field-label">人员（姓名、身份证号或拼音首字母）<em>*</em></span>
            <input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="输入后从下面选择" data-testid="place-search" autoFocus />
            <select size={5} value={personId ?? ''} onChange={(e) => setPersonId(Number(e.target.value))} data-testid="place-person" aria-label="选择人员">
              {matches.map((p) => <option key={p.id} value={p.id}>{p.name} {p.idMasked} {p.townshipName}{p.villageName} 上岗时{p.age}岁</option>)}
            </select>
          </label>
          <div className="field">
            <span className="field-label">已选人员</span>
            {person ? (
              <span data-testid="place-chosen">{person.name}（{person.sex}，上岗时{person.age}岁）{person.townshipName}{person.villageName}；{person.category}；{person.labourAbility}</span>
            ) : <span className="muted">尚未选择</span>}
          </div>
          <label className="field">
            <span className="field-label">岗位<em>*</em></span>
            <select value={postId ?? ''} onChange={(e) => setPostId(Number(e.target.value) || null)} disabled={Boolean(replacing)} data-testid="place-post">
              <option value="">请选择空缺岗位</option>
              {choices.map((p) => <option key={p.id} value={p.id}>{p.townshipName}{p.villageName} · {p.postType}（编号{p.id}）{p.villageCode === person?.villageCode ? '  本村' : ''}</option>)}
            </select>
          </label>
          <label className="field">
            <span className="field-label">上岗日期<em>*</em></span>
            <DateField value={startDate} onChange={setStartDate} testId="place-start" />
          </label>
          <label className="field">
            <span className="field-label">协议截止日期（按年度政策自动计算，可在政策范围内提前）</span>
            <DateField value={agreementEnd || check?.agreementEndDate || ''} max={check?.maxAgreementEndDate ?? undefined} onChange={setAgreementEnd} testId="place-end" />
          </label>
          <div className="field">
            <span className="field-label">月补贴标准</span>
            <span>{check?.subsidyFen != null ? `${formatYuan(check.subsidyFen)} 元（上岗时的年度标准，以后调整政策不影响本次安置）` : '—'}</span>
          </div>
        </div>
        {check && (
          <ul className="rule-checks" data-testid="place-checks" data-start={checkedFor.split('|')[2]} aria-label="条件核对">
            {check.checks.map((c) => (
              <li key={c.rule} className={`rule rule-${c.outcome}`} data-outcome={c.outcome}>
                <span className="rule-mark">{MARK[c.outcome]}</span><span className="rule-name">{c.rule}</span><span>{c.message}</span>
              </li>
            ))}
          </ul>
        )}
        {check?.canPlace && check.needsConfirmation && (
          <label className="confirm">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="place-confirm" />
            已核实以上提示（标“!”的各项），确认安排上岗
          </label>
        )}
        {check && !check.canPlace && <div className="banner error" role="alert" data-testid="place-refused">不能上岗：{check.checks.filter((c) => c.outcome === 'refuse').map((c) => c.message).join('；')}</div>}
        {failure && <div className="banner error" role="alert" data-testid="place-failure">{failure}</div>}
        <div className="dialog-actions">
          <button className="secondary" onClick={onCancel}>取消</button>
          <button onClick={place} disabled={!canSave} data-testid="place-save">{saving ? '正在保存…' : replacing ? '确认补岗' : '确认上岗'}</button>
        </div>
    </Dialog>
  );
}
