// R3 乡村公益性岗位人员花名册: one row per person on post in the month, grouped by township with a subtotal
// each (the number of people) and the county total — the bureau's own copy, with phone and card numbers.
// The 公示 roster for the village wall is its own report (public-roster.ts).
import { ageOn } from '../id-number';
import { monthLabel, lastDayOf } from '../month';
import { standardFooter, type ReportColumn, type ReportHead, type ReportModel, type ReportRow } from './report-model';

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

export interface RosterInput extends ReportHead {
  /** In roster order: township, village, post, start date. */
  entries: readonly RosterEntry[];
}

export const R3_TITLE = '乡村公益性岗位人员花名册';

interface R3Column extends ReportColumn {
  value(entry: RosterEntry, index: number, month: string): string | number | null;
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
  { header: '联系电话', kind: 'text', width: 13, value: (e) => e.phone ?? '' },
  { header: '岗位类型', group: POST, kind: 'text', width: 11, value: (e) => e.postType },
  { header: '用工单位', group: POST, kind: 'text', width: 16, value: (e) => e.employingUnit },
  { header: '上岗日期', group: POST, kind: 'date', width: 11, value: (e) => e.startDate },
  { header: '协议截止日期', group: POST, kind: 'date', width: 12, value: (e) => e.agreementEndDate },
  { header: '月补贴标准（元）', group: POST, kind: 'money', width: 12, value: (e) => e.subsidyFen },
  { header: '社保卡号/银行卡号', kind: 'text', width: 21, value: (e) => e.cardNumber ?? '' },
  { header: '开户银行', kind: 'text', width: 16, value: (e) => e.bank ?? '' },
  { header: '备注', kind: 'text', width: 24, value: (e, _i, month) => remark(e, month) },
];

export function buildR3(input: RosterInput): ReportModel {
  const columns = COLUMNS;
  const townshipColumn = columns.findIndex((c) => c.header === '乡镇');
  const nameColumn = columns.findIndex((c) => c.header === '姓名');
  // Subtotals count people; adding up monthly standards would mean nothing.
  const totalRow = (kind: 'subtotal' | 'total', label: string, people: number): ReportRow => {
    const cells = columns.map(() => null as string | number | null);
    cells[townshipColumn] = label;
    cells[nameColumn] = people;
    return { kind, cells };
  };

  const rows: ReportRow[] = [];
  let index = 0;
  const townships = [...new Set(input.entries.map((e) => e.townshipCode))];
  for (const code of townships) {
    const entries = input.entries.filter((e) => e.townshipCode === code);
    for (const entry of entries) {
      index += 1;
      rows.push({ kind: 'data', cells: columns.map((c) => c.value(entry, index, input.month)) });
    }
    rows.push(totalRow('subtotal', `${entries[0]!.townshipName}小计`, entries.length));
  }
  rows.push(totalRow('total', '合计', index));
  return {
    fileName: '',
    sheets: [{
      name: '花名册', title: `${input.countyName}${R3_TITLE}`, unit: input.unit, period: monthLabel(input.month), units: '人、元',
      columns: columns.map(({ header, group, kind, width }) => (group ? { header, group, kind, width } : { header, kind, width })),
      rows, footer: standardFooter(input),
      notes: ['注：本表列出本月在岗（含本月上岗、退岗）的全部人员；月补贴标准为上岗时的年度政策标准。本表含联系电话和卡号，仅供局内使用，不得张贴。'],
    }],
  };
}
