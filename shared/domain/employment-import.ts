// The employment import kind's row rules (就业台账 from township files, SPEC §4): header spellings, the
// words townships write for status, form and 就业意愿 (a grouped 务工地点 header over 省 and 市 columns is
// read through its lower row, so the bare group name maps to nothing), and one row's cells turned into an entry. Pure; the
// engine's import kind (electron/backend/import/kinds/employment.ts) adds what needs the database.
import {
  EMPLOYMENT_FORMS, EMPLOYMENT_STATUSES, parseMonth, type EmploymentForm, type EmploymentInput, type EmploymentStatus,
} from './employment';
import { displayText, isBlank, isExcelDate, parseDate, parseEnum, parseNumber, parseText, type CellValue, type CellContext } from './cell-values';
import { parseYuanToFen } from './money';
import { workbenchError, type WorkbenchError } from './errors';
import type { FieldSpec } from './import-headers';

export const EMPLOYMENT_IMPORT_FIELDS: readonly FieldSpec[] = [
  { key: 'idNumber', label: '身份证号', required: true, aliases: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号', '公民身份证号码', '居民身份证号码', '证件号码', '证件号', '身份证'] },
  { key: 'name', label: '姓名', required: true, aliases: ['姓名', '劳动力姓名', '人员姓名', '脱贫劳动力姓名'] },
  { key: 'year', label: '年度', required: false, aliases: ['年度', '年份', '台账年度', '统计年度'] },
  { key: 'status', label: '就业状态', required: false, aliases: ['就业状态', '是否就业', '就业情况', '务工状态', '是否务工', '就业务工情况'] },
  { key: 'form', label: '就业形式', required: false, aliases: ['就业形式', '务工形式', '就业方式', '就业类型', '务工类型', '就业渠道'] },
  { key: 'destinationProvince', label: '务工省份', required: false, aliases: ['务工省份', '务工地点(省)', '务工地(省)', '就业省份', '务工所在省', '省份', '务工地点省', '务工去向省', '省'] },
  { key: 'destinationCity', label: '务工市县', required: false, aliases: ['务工市县', '务工城市', '务工地点(市)', '务工地(市)', '务工地点(市县)', '就业城市', '务工所在市', '务工地点市', '务工去向市', '市', '市县', '县市'] },
  { key: 'employer', label: '就业单位', required: false, aliases: ['就业单位', '务工单位', '用工单位', '工作单位', '就业单位名称', '务工单位名称'] },
  { key: 'startMonth', label: '开始务工时间', required: false, aliases: ['开始务工时间', '务工开始时间', '外出务工时间', '就业时间', '开始就业时间', '务工时间', '开始务工月份', '就业月份'] },
  { key: 'monthsWorked', label: '务工月数', required: false, aliases: ['务工月数', '务工时长(月)', '务工时间(月)', '就业月数', '务工时长', '累计务工月数'] },
  { key: 'avgIncome', label: '月均收入（元）', required: false, aliases: ['月均收入(元)', '月均收入', '月收入', '月均工资', '月工资', '月均务工收入', '月均收入元'] },
  { key: 'wantsWork', label: '就业意愿', required: false, aliases: ['就业意愿', '是否有就业意愿', '有无就业意愿', '就业需求', '是否有就业需求'] },
  { key: 'reasonNotEmployed', label: '未就业原因', required: false, aliases: ['未就业原因', '未务工原因', '未就业原因说明', '未外出原因'] },
];

const STATUS_ALIASES: Record<string, EmploymentStatus> = {
  就业: '已就业', 是: '已就业', 已务工: '已就业', 务工: '已就业', 在岗: '已就业', 有: '已就业',
  否: '未就业', 未务工: '未就业', 待业: '未就业', 失业: '未就业', 无: '未就业',
  丧失劳动能力: '无劳动能力', 无劳动力: '无劳动能力', 丧失劳动力: '无劳动能力',
};

const FORM_ALIASES: Record<string, EmploymentForm> = {
  省外: '省外务工', 外省务工: '省外务工', 跨省务工: '省外务工', 省外就业: '省外务工', 出省务工: '省外务工',
  省内县外: '省内县外务工', 县外省内务工: '省内县外务工', 省内务工: '省内县外务工', 县外务工: '省内县外务工', 市内县外务工: '省内县外务工', 省内县外就业: '省内县外务工',
  县内: '县内务工', 县内就业: '县内务工', 本县务工: '县内务工', 就近务工: '县内务工', 就地就近务工: '县内务工',
  公益岗: '公益岗位', 公益性岗位: '公益岗位', 乡村公益性岗位: '公益岗位', 乡村公益岗位: '公益岗位',
  帮扶车间: '就业帮扶车间', 扶贫车间: '就业帮扶车间', 就业车间: '就业帮扶车间',
  创业: '自主创业', 个体经营: '自主创业', 自主经营: '自主创业',
  灵活: '灵活就业', 零工: '灵活就业', 打零工: '灵活就业',
};

const YES = ['是', '有', '愿意', '有意愿', 'y', 'Y', '√', '1'];
const NO = ['否', '无', '不愿意', '没有', '无意愿', 'n', 'N', '×', '0'];

/** The year of the ledger named in a sheet title ("2022年脱贫劳动力就业台账"), or null. */
export function yearInTitle(title: string): number | null {
  const match = /(20\d{2})\s*年/.exec(title) ?? /(20\d{2})/.exec(title);
  return match ? Number(match[1]) : null;
}

/** A month cell: a date cell or date text gives its month; 2022-3, 2022.03, 2022年3月, 202203 as written. */
export function parseMonthCell(raw: CellValue, context: CellContext): { ok: true; value: string } | { ok: false; error: WorkbenchError } {
  if (isExcelDate(raw) || (typeof raw === 'number' && !/^\d{6}$/.test(String(raw)))) {
    const date = parseDate(raw, context);
    return date.ok ? { ok: true, value: date.value.slice(0, 7) } : { ok: false, error: workbenchError('BAD_MONTH', { value: displayText(raw).slice(0, 40) }) };
  }
  const text = displayText(raw).trim();
  const month = parseMonth(text);
  if (month) return { ok: true, value: month };
  const date = parseDate(raw, context);
  if (date.ok) return { ok: true, value: date.value.slice(0, 7) };
  return { ok: false, error: workbenchError('BAD_MONTH', { value: text.slice(0, 40) }) };
}

export interface EmploymentRowParse {
  /** The year the row belongs to, when the row or the title says it. */
  year: number | null;
  /** Values for the fields the row gives; a field absent here keeps what is stored. */
  values: Partial<EmploymentInput>;
  errors: { field: string; error: WorkbenchError }[];
}

/**
 * One row's employment cells: fields with a column in the file take the cell's value (a blank cell clears
 * it: the row states the person's situation); fields without a column keep what is stored. A row that
 * names a form but no status is employed.
 */
export function parseEmploymentRow(values: Partial<Record<string, CellValue>>, mapped: ReadonlySet<string>, context: CellContext & { titleYear: number | null }): EmploymentRowParse {
  const errors: EmploymentRowParse['errors'] = [];
  const out: Partial<EmploymentInput> = {};
  const raw = (field: string): CellValue => values[field];
  const text = (field: string, label: string): string | null => {
    const parsed = parseText(raw(field), label);
    if (!parsed.ok) { errors.push({ field, error: parsed.error }); return null; }
    return parsed.value === '' ? null : parsed.value;
  };

  let year = context.titleYear;
  if (mapped.has('year') && !isBlank(raw('year'))) {
    const parsed = parseNumber(typeof raw('year') === 'string' ? String(raw('year')).replace(/年(度)?$/, '') : raw('year'));
    if (parsed.ok && Number.isInteger(parsed.value) && parsed.value >= 2000 && parsed.value <= 2100) year = parsed.value;
    else errors.push({ field: 'year', error: workbenchError('BAD_NUMBER', { value: displayText(raw('year')).slice(0, 20) }) });
  }

  if (mapped.has('form')) {
    if (isBlank(raw('form'))) out.form = null;
    else {
      const parsed = parseEnum(raw('form'), EMPLOYMENT_FORMS, FORM_ALIASES);
      if (parsed.ok) out.form = parsed.value; else errors.push({ field: 'form', error: parsed.error });
    }
  }
  if (mapped.has('status') && !isBlank(raw('status'))) {
    const parsed = parseEnum(raw('status'), EMPLOYMENT_STATUSES, STATUS_ALIASES);
    if (parsed.ok) out.status = parsed.value; else errors.push({ field: 'status', error: parsed.error });
  } else if (out.form) {
    out.status = '已就业';
  } else if (mapped.has('status') || mapped.has('form')) {
    out.status = '未就业';
  }

  for (const [field, key, label] of [
    ['destinationProvince', 'destinationProvince', '务工省份'], ['destinationCity', 'destinationCity', '务工市县'],
    ['employer', 'employer', '就业单位'], ['reasonNotEmployed', 'reasonNotEmployed', '未就业原因'],
  ] as const) {
    if (mapped.has(field)) out[key] = text(field, label);
  }

  if (mapped.has('startMonth')) {
    if (isBlank(raw('startMonth'))) out.startMonth = null;
    else {
      const parsed = parseMonthCell(raw('startMonth'), context);
      if (parsed.ok) out.startMonth = parsed.value; else errors.push({ field: 'startMonth', error: parsed.error });
    }
  }
  if (mapped.has('monthsWorked')) {
    if (isBlank(raw('monthsWorked'))) out.monthsWorked = null;
    else {
      const parsed = parseNumber(typeof raw('monthsWorked') === 'string' ? String(raw('monthsWorked')).replace(/个?月$/, '') : raw('monthsWorked'));
      if (parsed.ok && Number.isInteger(parsed.value) && parsed.value >= 0 && parsed.value <= 99) out.monthsWorked = parsed.value;
      else errors.push({ field: 'monthsWorked', error: workbenchError('BAD_NUMBER', { value: displayText(raw('monthsWorked')).slice(0, 20) }) });
    }
  }
  if (mapped.has('avgIncome')) {
    const cell = raw('avgIncome');
    if (isBlank(cell)) out.avgIncomeFen = null;
    else {
      const fen = typeof cell === 'number' || typeof cell === 'string' ? parseYuanToFen(cell) : null;
      if (fen !== null && fen >= 0) out.avgIncomeFen = fen;
      else errors.push({ field: 'avgIncome', error: workbenchError('BAD_NUMBER', { value: displayText(cell).slice(0, 20) }) });
    }
  }
  if (mapped.has('wantsWork')) {
    const cell = raw('wantsWork');
    const word = displayText(cell).trim();
    if (isBlank(cell)) out.wantsWork = null;
    else if (YES.includes(word)) out.wantsWork = true;
    else if (NO.includes(word)) out.wantsWork = false;
    else errors.push({ field: 'wantsWork', error: workbenchError('BAD_ENUM', { value: word.slice(0, 20), allowed: '是/否' }) });
  }
  return { year, values: out, errors };
}
