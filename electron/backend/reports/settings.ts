// The report settings kept in 设置 (issue 11): who signs the reports (填报单位, 单位负责人, 审核人, 填表人,
// 联系电话) and how the 公示 roster is posted (days, 监督电话, one sheet per township or village). Stored one
// row per key in report_settings; a key never saved reads as its default.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { EMPTY_SIGNATURES, type ReportSignatures } from '../../../shared/domain/reports/report-model';
import { DEFAULT_PUBLICITY, type PublicitySettings } from '../../../shared/domain/reports/public-roster';

type Db = Kysely<Database> | Transaction<Database>;

export interface ReportSettings { signatures: ReportSignatures; publicity: PublicitySettings }

export const DEFAULT_REPORT_SETTINGS: ReportSettings = { signatures: EMPTY_SIGNATURES, publicity: DEFAULT_PUBLICITY };

export async function readReportSettings(db: Db): Promise<ReportSettings> {
  const rows = await db.selectFrom('report_settings').select(['key', 'value']).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const text = (key: string, fallback: string) => stored.get(key) ?? fallback;
  const days = Number(stored.get('publicity.days'));
  return {
    signatures: {
      unit: text('signatures.unit', ''), head: text('signatures.head', ''), reviewer: text('signatures.reviewer', ''),
      preparer: text('signatures.preparer', ''), phone: text('signatures.phone', ''),
    },
    publicity: {
      days: Number.isInteger(days) && days > 0 ? days : DEFAULT_PUBLICITY.days,
      phone: text('publicity.phone', ''),
      grouping: stored.get('publicity.grouping') === 'village' ? 'village' : 'township',
    },
  };
}

export async function saveReportSettings(db: Db, settings: ReportSettings): Promise<void> {
  const values: [string, string][] = [
    ...Object.entries(settings.signatures).map(([k, v]): [string, string] => [`signatures.${k}`, v.trim()]),
    ['publicity.days', String(settings.publicity.days)], ['publicity.phone', settings.publicity.phone.trim()], ['publicity.grouping', settings.publicity.grouping],
  ];
  for (const [key, value] of values) {
    await db.insertInto('report_settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
}
