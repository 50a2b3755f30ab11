// 审计日志: filter by person, user, date and action; export. Read-only for everyone.
import ExcelJS from 'exceljs';
import type { EngineContext } from '../context';
import type { AuditEntryView, ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import { writeAudit } from './audit-repository';
import { localDate, localDateTime } from '../../../shared/domain/dates';
import { auditSummary } from '../../../shared/domain/audit-labels';

const LIMIT = 2000;

async function query(ctx: EngineContext, filter: ChannelInput<'audit.list'>): Promise<{ entries: AuditEntryView[]; truncated: boolean }> {
  const db = ctx.wdb.db;
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(LIMIT + 1);
  if (filter.username) q = q.where('username', '=', filter.username);
  if (filter.action) q = q.where('action', '=', filter.action);
  // The dates picked are local days; the log stores UTC.
  if (filter.from) q = q.where('at', '>=', new Date(`${filter.from}T00:00:00`).toISOString());
  if (filter.to) q = q.where('at', '<=', new Date(`${filter.to}T23:59:59.999`).toISOString());
  if (filter.person) {
    const text = filter.person.trim().toUpperCase();
    const people = await db.selectFrom('people').select('id').where((eb) => eb.or([eb('id_number', '=', text), eb('name', '=', filter.person!.trim())])).execute();
    const ids = people.map((p) => String(p.id));
    q = q.where('entity', '=', 'person').where('entity_id', 'in', ids.length ? ids : ['']);
  }
  const rows = await q.execute();
  const entries = rows.slice(0, LIMIT).map((r) => ({
    id: r.id, at: r.at, username: r.username, entity: r.entity, entityId: r.entity_id, action: r.action,
    before: r.before_json, after: r.after_json, summary: auditSummary(r.entity, r.action, r.after_json),
  }));
  return { entries, truncated: rows.length > LIMIT };
}

export async function listAuditHandler(ctx: EngineContext, filter: ChannelInput<'audit.list'>): Promise<ChannelOutput<'audit.list'>> {
  return query(ctx, filter);
}

export async function exportAuditHandler(ctx: EngineContext, filter: ChannelInput<'audit.export'>): Promise<ChannelOutput<'audit.export'>> {
  const { entries } = await query(ctx, filter);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '时间', key: 'at', width: 22 }, { header: '用户', key: 'username', width: 14 }, { header: '操作', key: 'summary', width: 30 },
    { header: '对象', key: 'entity', width: 10 }, { header: '编号', key: 'entityId', width: 8 }, { header: '修改前', key: 'before', width: 60 }, { header: '修改后', key: 'after', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const e of entries) sheet.addRow({ ...e, at: localDateTime(e.at), summary: e.summary });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'audit_log', entityId: null, action: 'export', after: { rows: entries.length, filter } });
  return { fileName: `审计日志_${localDate().replace(/-/g, '')}.xlsx`, base64: buffer.toString('base64'), rows: entries.length };
}
