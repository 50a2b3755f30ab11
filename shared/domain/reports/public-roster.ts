// 公示名单: the roster fit for a village wall (issue 11). Name, village, post, start date, standard and the
// ID with its middle 8 digits hidden — nothing else: no reason for leaving, no predecessor's name, no phone
// or card number. One sheet per township (or per village, as chosen in 设置), each with the 公示 period's
// start and end dates and the phone for objections. Pure.
import { maskIdNumber } from '../id-number';
import { addDays } from '../dates';
import { monthLabel } from '../month';
import { standardFooter, type ReportColumn, type ReportHead, type ReportModel, type ReportRow, type ReportSheet } from './report-model';
import type { RosterEntry } from './r3-roster';

export const PUBLIC_TITLE = '乡村公益性岗位人员公示名单';

export type PublicityGrouping = 'township' | 'village';

export interface PublicitySettings {
  /** Days the list stays on the wall (default 7). */
  days: number;
  /** 监督电话 for objections. */
  phone: string;
  grouping: PublicityGrouping;
}

export const DEFAULT_PUBLICITY: PublicitySettings = { days: 7, phone: '', grouping: 'township' };

export interface PublicRosterInput extends ReportHead {
  entries: readonly Pick<RosterEntry, 'townshipCode' | 'townshipName' | 'villageName' | 'name' | 'sex' | 'idNumber' | 'postType' | 'startDate' | 'subsidyFen'>[];
  publicity: PublicitySettings;
}

const COLUMNS: ReportColumn[] = [
  { header: '序号', kind: 'index', width: 6 },
  { header: '村', kind: 'text', width: 14 },
  { header: '姓名', kind: 'text', width: 10 },
  { header: '性别', kind: 'text', width: 6 },
  { header: '身份证号', kind: 'text', width: 21 },
  { header: '岗位类型', kind: 'text', width: 12 },
  { header: '上岗日期', kind: 'date', width: 12 },
  { header: '月补贴标准（元）', kind: 'money', width: 12 },
];

function dateLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 公示期: from the day the list is made, for the set number of days (both ends included). */
export function publicityPeriod(preparedOn: string, days: number): { from: string; to: string } {
  return { from: preparedOn, to: addDays(preparedOn, Math.max(1, days) - 1) };
}

/** A tab name Excel accepts (≤ 31 characters, none of []:*?/\) and unique in the workbook. */
function tabName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '').slice(0, 28);
  let candidate = base;
  for (let n = 2; used.has(candidate); n++) candidate = `${base}${n}`;
  used.add(candidate);
  return candidate;
}

export function buildPublicRoster(input: PublicRosterInput): ReportModel {
  const { from, to } = publicityPeriod(input.preparedOn, input.publicity.days);
  const groups = new Map<string, { township: string; village: string | null; entries: PublicRosterInput['entries'][number][] }>();
  for (const e of input.entries) {
    const key = input.publicity.grouping === 'village' ? `${e.townshipCode}|${e.villageName}` : e.townshipCode;
    const group = groups.get(key) ?? { township: e.townshipName, village: input.publicity.grouping === 'village' ? e.villageName : null, entries: [] };
    group.entries.push(e);
    groups.set(key, group);
  }
  const used = new Set<string>();
  const objection = input.publicity.phone.trim() || '____________';
  const sheets: ReportSheet[] = [...groups.values()].map((g) => {
    const rows: ReportRow[] = g.entries.map((e, i) => ({
      kind: 'data', cells: [i + 1, e.villageName, e.name, e.sex, maskIdNumber(e.idNumber), e.postType, e.startDate, e.subsidyFen],
    }));
    rows.push({ kind: 'total', cells: [null, '合计', g.entries.length, null, null, null, null, null] });
    const where = g.village ? `${g.township}${g.village}` : g.township;
    return {
      name: tabName(where, used), title: `${input.countyName}${where}${PUBLIC_TITLE}`, unit: input.unit, period: monthLabel(input.month), units: '人、元',
      columns: COLUMNS, rows, footer: standardFooter(input),
      notes: [
        `公示期：${dateLabel(from)}至${dateLabel(to)}（共${Math.max(1, input.publicity.days)}天）。`,
        `对公示人员有异议的，请在公示期内向所在乡镇或县人力资源和社会保障局反映，监督电话：${objection}。`,
        '身份证号已隐去中间8位。',
      ],
    };
  });
  return { fileName: '', sheets };
}
