// R3 乡村公益性岗位人员花名册: one row per person on post in the month, grouped by township with a subtotal
// each and the county total; and its 公示 version for the village notice board (IDs masked, no card or
// phone numbers — SPEC §8 and issue 5).
import { ageOn, maskIdNumber } from '../id-number';
import { monthLabel, lastDayOf } from '../month';
import { standardFooter, type ReportColumn, type ReportModel, type ReportRow } from './report-model';

export interface RosterEntry {
  townshipCode: string;
  townshipName: string;
  villageName: string;
  name: string;
  sex: string;
  idNumber: string;
  birthDate: string;
  category: string;
  phone: string | null;
  postType: string;
  employingUnit: string;
  startDate: string;
  agreementEndDate: string;
  exitDate: string | null;
  exitReason: string | null;
  subsidyFen: number;
  cardNumber: string | null;
  bank: string | null;
  /** The holder this person replaced on the post (补岗), if any. */
  replacesName: string | null;
}

export type RosterVersion = 'full' | 'public';

export interface RosterInput {
  countyName: string;
  /** 填报单位, e.g. 卢龙县人力资源和社会保障局 */
  unit: string;
  month: string;
  /** YYYY-MM-DD, the day the report is made. */
  preparedOn: string;
  /** In roster order: township, village, post, start date. */
  entries: readonly RosterEntry[];
  version: RosterVersion;
}

export const R3_TITLE = '乡村公益性岗位人员花名册';

interface R3Column extends ReportColumn {
  value(entry: RosterEntry, index: number, month: string): string | number | null;
  /** Left out of the 公示 version. */
  privateOnly?: boolean;
}

const POST = '岗位情况';

function remark(entry: RosterEntry, month: string): string {
  const notes: string[] = [];
  if (entry.replacesName) notes.push(`补岗（接替${entry.replacesName}）`);
  if (entry.exitDate && entry.exitDate <= lastDayOf(month)) notes.push(`${entry.exitDate}退岗（${entry.exitReason ?? ''}）`);
  return notes.join('；');
}

const COLUMNS: readonly R3Column[] = [
  { header: '序号', kind: 'index', width: 6, value: (_e, i) => i },
  { header: '乡镇', kind: 'text', width: 10, value: (e) => e.townshipName },
  { header: '村', kind: 'text', width: 12, value: (e) => e.villageName },
  { header: '姓名', kind: 'text', width: 9, value: (e) => e.name },
  { header: '性别', kind: 'text', width: 5, value: (e) => e.sex },
  { header: '身份证号', kind: 'text', width: 21, value: (e) => e.idNumber },
  { header: '年龄', kind: 'integer', width: 5, value: (e, _i, month) => ageOn(e.birthDate, lastDayOf(month)) },
  { header: '人员类别', kind: 'text', width: 13, value: (e) => e.category },
  { header: '联系电话', kind: 'text', width: 13, value: (e) => e.phone ?? '', privateOnly: true },
  { header: '岗位类型', group: POST, kind: 'text', width: 11, value: (e) => e.postType },
  { header: '用工单位', group: POST, kind: 'text', width: 16, value: (e) => e.employingUnit },
  { header: '上岗日期', group: POST, kind: 'date', width: 11, value: (e) => e.startDate },
  { header: '协议截止日期', group: POST, kind: 'date', width: 12, value: (e) => e.agreementEndDate },
  { header: '月补贴标准（元）', group: POST, kind: 'money', width: 12, value: (e) => e.subsidyFen },
  { header: '社保卡号/银行卡号', kind: 'text', width: 21, value: (e) => e.cardNumber ?? '', privateOnly: true },
  { header: '开户银行', kind: 'text', width: 16, value: (e) => e.bank ?? '', privateOnly: true },
  { header: '备注', kind: 'text', width: 22, value: (e, _i, month) => remark(e, month) },
];

export function buildR3(input: RosterInput): ReportModel {
  const publicVersion = input.version === 'public';
  const columns = COLUMNS.filter((c) => !(publicVersion && c.privateOnly));
  const idColumn = columns.findIndex((c) => c.header === '身份证号');
  const moneyColumn = columns.findIndex((c) => c.kind === 'money');
  const nameColumn = columns.findIndex((c) => c.header === '姓名');
  const townshipColumn = columns.findIndex((c) => c.header === '乡镇');

  const totalRow = (kind: 'subtotal' | 'total', label: string, people: number, fen: number): ReportRow => {
    const cells = columns.map(() => null as string | number | null);
    cells[townshipColumn] = label;
    cells[nameColumn] = `${people}人`;
    cells[moneyColumn] = fen;
    return { kind, cells };
  };

  const rows: ReportRow[] = [];
  let index = 0;
  let countyFen = 0;
  const townships = [...new Set(input.entries.map((e) => e.townshipCode))];
  for (const code of townships) {
    const entries = input.entries.filter((e) => e.townshipCode === code);
    let townshipFen = 0;
    for (const entry of entries) {
      index += 1;
      townshipFen += entry.subsidyFen;
      const cells = columns.map((c) => c.value(entry, index, input.month));
      if (publicVersion) cells[idColumn] = maskIdNumber(entry.idNumber);
      rows.push({ kind: 'data', cells });
    }
    countyFen += townshipFen;
    rows.push(totalRow('subtotal', `${entries[0]!.townshipName}小计`, entries.length, townshipFen));
  }
  rows.push(totalRow('total', `${input.countyName}合计`, index, countyFen));

  const title = publicVersion ? `${R3_TITLE}（公示）` : R3_TITLE;
  const notes = publicVersion
    ? ['注：公示期7天。身份证号已隐去中间8位；对公示内容有异议的，请向所在乡镇或县人社局反映。']
    : ['注：本表列出本月在岗（含本月上岗、退岗）的全部人员；月补贴标准为上岗时的年度政策标准。'];
  return {
    fileName: `R3_${title}_${input.month}.xlsx`,
    sheets: [{
      name: publicVersion ? '花名册（公示）' : '花名册',
      title: `${input.countyName}${title}`,
      unit: input.unit,
      period: monthLabel(input.month),
      columns: columns.map(({ header, group, kind, width }) => (group ? { header, group, kind, width } : { header, kind, width })),
      rows,
      footer: standardFooter(input.preparedOn),
      notes,
    }],
  };
}
