// The people kind (人员台账): rows matched by normalised ID number; empty cells never erase stored values;
// townships by current and former names, villages with or without 村/村委会 and only within the row's
// township; every change recorded (before/after) so the batch can be undone.
import { parseIdNumber } from '../../../../shared/domain/id-number';
import { CATEGORIES, LABOUR_ABILITIES, checkPerson, type PersonField, type PersonInput } from '../../../../shared/domain/person';
import { parseEnum, parseText, isBlank, type Parsed } from '../../../../shared/domain/cell-values';
import { workbenchError, type WorkbenchError } from '../../../../shared/domain/errors';
import { townshipKey, villageKey, villageMatcher, type VillageMatch } from '../../../../shared/domain/division';
import type { FieldSpec } from '../../../../shared/domain/import-headers';
import type { PersonRow } from '../../db/schema';
import { nameInitials, personColumns } from '../../people/repository';
import type { EngineContext } from '../../context';
import { importStore, type ImportStore } from '../store';
import { SnapshotEncoder } from '../snapshots';
import { evaluateAll, type FieldIssue, type ImportKind, type KindContext, type KindEvaluation, type RowInput, type RowOutcome, type RowsEvaluator } from '../kind';

export const PEOPLE_FIELDS: readonly FieldSpec[] = [
  { key: 'idNumber', label: '身份证号', required: true, aliases: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号', '公民身份证号码', '居民身份证号码', '身份证件号码', '证件号码', '证件号', '身份证', '身份号码'] },
  { key: 'name', label: '姓名', required: true, aliases: ['姓名', '名字', '人员姓名', '成员姓名', '劳动力姓名', '脱贫人口姓名'] },
  { key: 'townshipCode', label: '乡镇', required: true, aliases: ['乡镇', '乡(镇)', '所属乡镇', '乡镇名称', '乡镇(街道)', '所在乡镇', '乡镇街道', '镇', '乡'] },
  { key: 'villageCode', label: '村', required: true, aliases: ['村', '村名', '行政村', '所属村', '所在村', '村(社区)', '村(居)', '村委会', '村名称', '行政村(社区)'] },
  { key: 'householdNo', label: '户编号', required: false, aliases: ['户编号', '户号', '家庭编号', '户码'] },
  { key: 'relation', label: '与户主关系', required: false, aliases: ['与户主关系', '家庭关系', '与户主的关系', '关系'] },
  { key: 'category', label: '人员类别', required: false, aliases: ['人员类别', '类别', '人员类型', '户类型', '帮扶类别', '人口类别'] },
  { key: 'labourAbility', label: '劳动能力', required: false, aliases: ['劳动能力', '劳动力类型', '劳动技能', '劳动力状况'] },
  { key: 'phone', label: '联系电话', required: false, aliases: ['联系电话', '手机号', '手机号码', '联系方式', '电话', '电话号码', '手机'] },
  { key: 'cardNumber', label: '社保卡号', required: false, aliases: ['社保卡号', '社会保障卡号', '银行卡号', '银行账号', '银行帐号', '卡号', '账号', '帐号', '一卡通账号', '惠农一卡通账号', '社保卡(银行卡)号', '发放账号'] },
  { key: 'bank', label: '开户银行', required: false, aliases: ['开户银行', '开户行', '银行', '发卡银行', '银行名称', '开户银行名称'] },
  { key: 'remark', label: '备注', required: false, aliases: ['备注', '备注说明'] },
];

const CATEGORY_ALIASES: Record<string, (typeof CATEGORIES)[number]> = {
  脱贫人口: '脱贫户', 一般脱贫户: '脱贫户', 已脱贫户: '脱贫户', 稳定脱贫户: '脱贫户', 享受政策脱贫户: '脱贫户', 脱贫户享受政策: '脱贫户',
  监测对象: '防返贫监测对象', 监测户: '防返贫监测对象', 防返贫监测户: '防返贫监测对象', 脱贫不稳定户: '防返贫监测对象',
  边缘易致贫户: '防返贫监测对象', 突发严重困难户: '防返贫监测对象', 边缘户: '防返贫监测对象',
  低保户: '低保', 农村低保: '低保', 低保对象: '低保', 特困户: '特困', 特困供养: '特困', 特困人员: '特困', 特困供养人员: '特困', 五保户: '特困', 五保: '特困', 其它: '其他',
};
const LABOUR_ALIASES: Record<string, (typeof LABOUR_ABILITIES)[number]> = {
  普通: '普通劳动力', 有劳动力: '普通劳动力', 劳动力: '普通劳动力', 技能: '技能劳动力', 有技能: '技能劳动力',
  弱劳动力: '弱劳动力或半劳动力', 半劳动力: '弱劳动力或半劳动力', 弱劳力: '弱劳动力或半劳动力', 半劳力: '弱劳动力或半劳动力', 弱劳动力半劳动力: '弱劳动力或半劳动力',
  丧失劳动能力: '丧失劳动力', 丧失: '丧失劳动力', 无劳动能力: '无劳动力', 无: '无劳动力',
};

const TEXT_FIELDS = ['name', 'householdNo', 'relation', 'phone', 'cardNumber', 'bank', 'remark'] as const;
const COMPARED_FIELDS: readonly PersonField[] = ['name', 'phone', 'townshipCode', 'villageCode', 'householdNo', 'relation', 'category', 'labourAbility', 'cardNumber', 'bank', 'remark'];

const labelOf = (key: string) => PEOPLE_FIELDS.find((f) => f.key === key)?.label ?? key;
const TEXT_LABELS = Object.fromEntries(TEXT_FIELDS.map((f) => [f, labelOf(f)])) as Record<(typeof TEXT_FIELDS)[number], string>;
const COMPARED_LABELS = Object.fromEntries(COMPARED_FIELDS.map((f) => [f, labelOf(f)])) as Record<PersonField, string>;

function inputOf(row: PersonRow): PersonInput {
  return {
    idNumber: row.id_number, name: row.name, phone: row.phone ?? '', townshipCode: row.township_code, villageCode: row.village_code,
    householdNo: row.household_no ?? '', relation: row.relation ?? '', category: row.category, labourAbility: row.labour_ability,
    cardNumber: row.card_number ?? '', bank: row.bank ?? '', remark: row.remark ?? '',
  };
}

const EMPTY_INPUT: PersonInput = {
  idNumber: '', name: '', phone: '', townshipCode: '', villageCode: '', householdNo: '', relation: '', category: '', labourAbility: '', cardNumber: '', bank: '', remark: '',
};

/** Township and village names of the county as township files write them. */
export interface DivisionNames {
  township(text: string): string | null;
  /** Village code within a township; or where else a village of that name is. */
  village(townshipCode: string, text: string): { code: string } | { ambiguous: string[] } | { elsewhere: string[] } | null;
  /** A township named in free text (a sheet title), or null. */
  townshipIn(text: string): string | null;
}

export function divisionNames(ctx: EngineContext, aliases: readonly { alias: string; code: string }[]): DivisionNames {
  const townships = new Map<string, string>();
  for (const t of ctx.townships) { townships.set(t.name, t.code); townships.set(townshipKey(t.name), t.code); }
  for (const a of aliases) { townships.set(a.alias, a.code); townships.set(townshipKey(a.alias), a.code); }
  const villages = new Map<string, (typed: string) => VillageMatch>();
  const villageOwners = new Map<string, string[]>();
  for (const t of ctx.townships) {
    villages.set(t.code, villageMatcher(t.villages));
    for (const v of t.villages) villageOwners.set(villageKey(v.name), [...(villageOwners.get(villageKey(v.name)) ?? []), t.name]);
  }
  const countyPrefix = new RegExp(`^(${ctx.county.provinceName})?(${ctx.county.cityName})?(${ctx.county.name})?`);
  const searchable = [...townships.entries()].filter(([name]) => name.length >= 2).sort((a, b) => b[0].length - a[0].length);
  return {
    township(text) {
      const clean = text.replace(/[\s\u3000]/g, '').replace(countyPrefix, '');
      return townships.get(clean) ?? townships.get(townshipKey(clean)) ?? null;
    },
    village(townshipCode, text) {
      const found = villages.get(townshipCode)?.(text);
      if (found) return found;
      const owners = villageOwners.get(villageKey(text));
      return owners ? { elsewhere: owners } : null;
    },
    townshipIn(text) {
      // Full names only (印庄镇, 印庄乡), longest first, so 石门镇 is not found inside 石门村.
      const hit = searchable.find(([name]) => /[乡镇]$|街道$/.test(name) && text.includes(name));
      return hit ? hit[1] : null;
    },
  };
}

function issue(field: string | null, error: WorkbenchError): FieldIssue {
  return { field, code: error.code, message: error.message };
}

/** A row's error, one per field (the first found is the one a clerk fixes first). */
function addError(errors: FieldIssue[], field: string | null, error: WorkbenchError): void {
  if (!errors.some((e) => e.field === field && field !== null)) errors.push(issue(field, error));
}

/** The county's township and village names, with the former township names (印庄乡 → 印庄镇). */
export async function countyDivisionNames(ctx: EngineContext): Promise<DivisionNames> {
  return divisionNames(ctx, await importStore(ctx.wdb).all<{ alias: string; code: string }>('select alias, code from division_aliases'));
}

/** The columns an import writes, in the order of the bulk INSERT (id_number and name first). */
const PERSON_COLUMNS = ['id_number', 'name', 'sex', 'birth_date', 'phone', 'township_code', 'village_code', 'household_no', 'relation', 'category', 'labour_ability', 'card_number', 'bank', 'remark', 'name_initials', 'updated_at'] as const;

/** Rows handed to the store at a time: bounded memory, still few statements. */
const CHUNK_ROWS = 4000;

/** Shared empty lists for the accepted rows' outcomes (frozen: nothing may add to them), not 3 arrays a row. */
const NO_ISSUES = Object.freeze([]) as unknown as FieldIssue[];
const NONE = Object.freeze([]) as unknown as string[];

interface PlannedWrite { outcome: RowOutcome; input: PersonInput; existing: PersonRow | undefined; initials: string }

export const peopleKind: ImportKind = {
  name: 'people',
  title: '人员台账',
  fields: PEOPLE_FIELDS,
  entityTables: { person: 'people' },

  fieldsFromTitle: async (ctx, titleText) => ((await countyDivisionNames(ctx)).townshipIn(titleText) ? ['townshipCode'] : []),

  evaluate: (rows, context) => evaluateAll(peopleEvaluator(context), rows),
  evaluator: peopleEvaluator,
};

/**
 * Judges a people file's rows a piece at a time, as they are read (analyse.ts hands each piece over while
 * the sheet's next one is still being read): only the people a piece names are loaded, and what judging
 * needs across pieces (the first row of each ID) is kept.
 */
async function peopleEvaluator({ ctx, titleText, mappedFields }: KindContext): Promise<RowsEvaluator> {
  const store = importStore(ctx.wdb);
  const names = await countyDivisionNames(ctx);
  const titleTownship = mappedFields.has('townshipCode') ? null : names.townshipIn(titleText);
  const firstRowOfId = new Map<string, number>();
  const plans: PlannedWrite[] = [];
  const outcomes: RowOutcome[] = [];
  // One "today" for every row's birth date check (born in the future?), as for a manual save.
  const today = new Date();
  // A file names the same few townships and villages on every row: each name looked up once per file.
  const townships = new Map<string, string | null>();
  const townshipOf = (text: string) => {
    let code = townships.get(text);
    if (code === undefined) { code = names.township(text); townships.set(text, code); }
    return code;
  };
  const villages = new Map<string, ReturnType<DivisionNames['village']>>();
  const villageOf = (townshipCode: string, text: string) => {
    const key = `${townshipCode}/${text}`;
    let found = villages.get(key);
    if (found === undefined) { found = names.village(townshipCode, text); villages.set(key, found); }
    return found;
  };
  // Names repeat (a county has many 王秀英): each name's initials worked out once per file.
  const initials = new Map<string, string>();
  const initialsOf = (name: string) => {
    let found = initials.get(name);
    if (found === undefined) { found = nameInitials(name); initials.set(name, found); }
    return found;
  };
  // The accepted rows as the file said them (与上次对比), encoded as they are judged.
  const snapshot = new SnapshotEncoder(COMPARED_FIELDS.map((f) => COMPARED_LABELS[f]));
  const snapshotValues = (input: PersonInput): string[] => {
    const values = [input.idNumber, input.name];
    for (const f of COMPARED_FIELDS) {
      values.push(f === 'townshipCode' ? ctx.divisions.townshipNameOf(input[f]) : f === 'villageCode' ? ctx.divisions.villageNameOf(input[f]) : input[f]);
    }
    return values;
  };

  const judgeRow = (input: RowInput, id: Parsed<string>, existingById: ReadonlyMap<string, PersonRow>): RowOutcome => {
    const errors: FieldIssue[] = [];
    const warnings: FieldIssue[] = [];

    const key = id.ok ? id.value : null;
    if (!id.ok) addError(errors, 'idNumber', id.error);
    const existing = key ? existingById.get(key) : undefined;
    const merged: PersonInput = existing ? inputOf(existing) : { ...EMPTY_INPUT };
    if (key) merged.idNumber = key;

    for (const field of TEXT_FIELDS) {
      const parsed = parseText(input.values[field], TEXT_LABELS[field]);
      if (!parsed.ok) addError(errors, field, parsed.error);
      else if (parsed.value !== '') merged[field] = parsed.value;
    }
    if (!isBlank(input.values.category)) {
      const parsed = parseEnum(input.values.category, CATEGORIES, CATEGORY_ALIASES);
      if (parsed.ok) merged.category = parsed.value;
      else addError(errors, 'category', parsed.error);
    }
    if (!isBlank(input.values.labourAbility)) {
      const parsed = parseEnum(input.values.labourAbility, LABOUR_ABILITIES, LABOUR_ALIASES);
      if (parsed.ok) merged.labourAbility = parsed.value;
      else addError(errors, 'labourAbility', parsed.error);
    }

    // Township: the cell, else the sheet title (a file for one township often names it only there).
    const townshipText = parseText(input.values.townshipCode, '乡镇');
    const townshipName = townshipText.ok ? townshipText.value : '';
    if (townshipName) {
      const code = townshipOf(townshipName);
      if (code) merged.townshipCode = code;
      else addError(errors, 'townshipCode', workbenchError('UNKNOWN_TOWNSHIP', { value: townshipName }));
    } else if (titleTownship && !existing) merged.townshipCode = titleTownship;

    const villageText = parseText(input.values.villageCode, '村');
    const villageName = villageText.ok ? villageText.value : '';
    if (villageName && merged.townshipCode && !errors.some((e) => e.field === 'townshipCode')) {
      const found = villageOf(merged.townshipCode, villageName);
      if (found && 'code' in found) merged.villageCode = found.code;
      else if (found && 'ambiguous' in found) addError(errors, 'villageCode', workbenchError('VILLAGE_AMBIGUOUS', { value: villageName, candidates: found.ambiguous.join('、') }));
      else if (found) addError(errors, 'villageCode', workbenchError('VILLAGE_NOT_IN_TOWNSHIP', { value: villageName, actual: found.elsewhere.join('、') }));
      else addError(errors, 'villageCode', workbenchError('UNKNOWN_VILLAGE', { value: villageName }));
    } else if (!villageName && existing && merged.townshipCode !== existing.township_code) {
      // Moved to another township without naming the village: the stored village would not belong.
      addError(errors, 'villageCode', workbenchError('VALUE_MISSING', { column: '村' }));
    }

    // Township scope: the township the row writes to and, for a person already registered, the one they
    // are registered in (a clerk can neither add people to another township nor move them out of it).
    const scopeOf = [existing?.township_code, merged.townshipCode].find((code) => code && ctx.scope.refusal(code));
    if (scopeOf) addError(errors, existing && scopeOf === existing.township_code ? 'idNumber' : 'townshipCode', ctx.scope.refusal(scopeOf)!);

    if (!existing) {
      const townshipFailed = errors.some((e) => e.field === 'townshipCode');
      for (const field of ['townshipCode', 'villageCode', 'category', 'labourAbility'] as const) {
        if (field === 'villageCode' && townshipFailed) continue;
        if (!merged[field]) addError(errors, field, workbenchError('VALUE_MISSING', { column: labelOf(field) }));
      }
    }
    if (existing && merged.name && existing.name !== merged.name) {
      addError(errors, 'name', workbenchError('NAME_MISMATCH', { expected: existing.name, actual: merged.name }));
    }

    const check = checkPerson(merged, ctx.divisions, today);
    const townshipUnknown = errors.some((e) => e.field === 'townshipCode');
    for (const [field, error] of Object.entries(check.errors)) {
      // A village cannot be checked against a township that was not recognised: one message is enough.
      if (error && !(townshipUnknown && field === 'villageCode')) addError(errors, field, error);
    }
    for (const [field, warning] of Object.entries(check.warnings)) if (warning) warnings.push(issue(field, warning));

    if (key) {
      const first = firstRowOfId.get(key);
      if (first !== undefined) {
        errors.length = 0;
        addError(errors, 'idNumber', workbenchError('DUPLICATE_IN_FILE', { firstRow: first }));
      } else firstRowOfId.set(key, input.row);
    }

    const label = check.normalised.name || String(input.values.name ?? '');
    if (errors.length > 0) return { row: input.row, status: 'rejected', key, label, errors, warnings, changedFields: NONE };
    const normalised = check.normalised;
    const before = existing ? inputOf(existing) : null;
    const changedFields = before ? COMPARED_FIELDS.filter((f) => before[f] !== normalised[f]) : [];
    const status = !existing ? 'created' : changedFields.length > 0 ? 'updated' : 'unchanged';
    const outcome: RowOutcome = { row: input.row, status, key, label, errors: NO_ISSUES, warnings: warnings.length ? warnings : NO_ISSUES, changedFields: changedFields.length ? changedFields : NONE };
    // The name's initials (拼音首字母, for search) are worked out here, while the file is still being read,
    // not in the write step.
    plans.push({ outcome, input: normalised, existing, initials: status === 'unchanged' ? '' : initialsOf(normalised.name) });
    snapshot.addValues(snapshotValues(normalised));
    return outcome;
  };

  return {
    async add(rows) {
      // Only the people this piece names are loaded (a list parameter keeps it one statement).
      const ids: string[] = [];
      const parsedIds = rows.map((r) => {
        const id = parseIdNumber(r.values.idNumber ?? null, today);
        if (id.ok) ids.push(id.value);
        return id;
      });
      const existingById = new Map<string, PersonRow>();
      for (const row of await store.all<PersonRow>('select * from people where id_number in list(?)', [ids])) existingById.set(row.id_number, row);
      for (let i = 0; i < rows.length; i++) outcomes.push(judgeRow(rows[i]!, parsedIds[i]!, existingById));
    },
    async finish() {
      const accepted = plans.map((p) => p.input.townshipCode);
      const townshipCode = accepted.length > 0 && accepted.every((c) => c === accepted[0]) ? accepted[0]! : null;
      // Written: the townships rows are written to, and those of the people they move out of theirs.
      const townships = new Set(accepted);
      for (const p of plans) if (p.existing && p.outcome.status !== 'unchanged') townships.add(p.existing.township_code);

      return { outcomes, townshipCode, townships: [...townships], ...peopleWrites(plans, snapshot) };
    },
  };
}

/**
 * How a people file's accepted rows are written and remembered. Built outside evaluate, so what the
 * judging needed (every parsed ID, the people by ID, the first row of each ID) is not kept alive by these
 * closures until the commit ends.
 */
function peopleWrites(plans: readonly PlannedWrite[], snapshot: SnapshotEncoder): Pick<KindEvaluation, 'apply' | 'snapshot'> {
  return {
    async apply(store: ImportStore, batchId: number) {
      // The bulk path (store.ts: bulk.ts on SQLite, bulk-pg.ts on PostgreSQL): new people and updated ones in
      // multi-row statements, a chunk at a time, the change records too; personColumns keeps the column values
      // the same as a manual save.
      const changes = store.changeWriter();
      const now = new Date().toISOString();
      let created: unknown[][] = [];
      let updated: unknown[][] = [];
      const writeCreated = async () => {
        if (created.length === 0) return;
        // A created person's record is the row itself (undo deletes it by id); the change keeps who it was.
        const ids = await store.insertRows('people', PERSON_COLUMNS, created);
        await store.recordCreated(batchId, 'person', 'people', ids, ['id_number', 'name']);
        created = [];
      };
      const writeUpdated = async () => {
        if (updated.length === 0) return;
        await store.updateRows('people', PERSON_COLUMNS, updated);
        updated = [];
      };
      for (const plan of plans) {
        if (plan.outcome.status === 'unchanged') continue;
        const values = personColumns(plan.input, now, plan.initials);
        const row: unknown[] = PERSON_COLUMNS.map((c) => values[c]);
        if (plan.existing) {
          row.push(plan.existing.id);
          updated.push(row);
          if (updated.length === CHUNK_ROWS) await writeUpdated();
          await changes.add([batchId, 'person', plan.existing.id, 'update', JSON.stringify(plan.existing), JSON.stringify({ id: plan.existing.id, ...values })]);
        } else {
          created.push(row);
          if (created.length === CHUNK_ROWS) await writeCreated();
        }
      }
      await writeCreated();
      await writeUpdated();
      await changes.flush();
    },
    snapshot: () => snapshot.bytes(),
  };
}
