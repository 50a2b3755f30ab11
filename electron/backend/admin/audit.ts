// 审计日志: filter by person, user, date and action; export. Read-only for everyone.
import ExcelJS from 'exceljs';
import type { EngineContext } from '../context';
import type { AuditEntryView, ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import { writeAudit } from './audit-repository';
import { localDate } from '../../../shared/domain/dates';

const LIMIT = 2000;

export const AUDIT_ACTION_NAMES: Record<string, string> = {
  create: '新增', update: '修改', delete: '删除', import: '导入', undo: '撤销导入', approve: '审核通过', export: '导出',
  reveal: '查看完整号码', login: '登录', 'login-failed': '登录失败', logout: '退出', restore: '恢复备份', backup: '备份',
  'reset-password': '重置密码', submit: '提交', reopen: '重新打开', return: '退回',
};
const ENTITY_NAMES: Record<string, string> = { person: '人员', people: '人员台账', user: '用户', session: '登录', database: '数据库', audit_log: '审计日志' };

function summary(entity: string, action: string, after: string | null): string {
  const base = `${AUDIT_ACTION_NAMES[action] ?? action}${ENTITY_NAMES[entity] ?? entity}`;
  if (!after) return base;
  try {
    const data = JSON.parse(after) as Record<string, unknown>;
    if (typeof data.name === 'string') return `${base}：${data.name}`;
    if (typeof data.rows === 'number') return `${base}：${data.rows} 行`;
    if (typeof data.reason === 'string') return `${base}：${data.reason}`;
  } catch { /* plain text */ }
  return base;
}

async function query(ctx: EngineContext, filter: ChannelInput<'audit.list'>): Promise<{ entries: AuditEntryView[]; truncated: boolean }> {
  const db = ctx.wdb.db;
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(LIMIT + 1);
  if (filter.username) q = q.where('username', '=', filter.username);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.from) q = q.where('at', '>=', `${filter.from}T00:00:00`);
  if (filter.to) q = q.where('at', '<=', `${filter.to}T23:59:59.999Z`);
  if (filter.person) {
    const text = filter.person.trim().toUpperCase();
    const people = await db.selectFrom('people').select('id').where((eb) => eb.or([eb('id_number', '=', text), eb('name', '=', filter.person!.trim())])).execute();
    const ids = people.map((p) => String(p.id));
    q = q.where('entity', '=', 'person').where('entity_id', 'in', ids.length ? ids : ['']);
  }
  const rows = await q.execute();
  const entries = rows.slice(0, LIMIT).map((r) => ({
    id: r.id, at: r.at, username: r.username, entity: r.entity, entityId: r.entity_id, action: r.action,
    before: r.before_json, after: r.after_json, summary: summary(r.entity, r.action, r.after_json),
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
  for (const e of entries) sheet.addRow({ ...e, at: new Date(e.at).toLocaleString('zh-CN', { hour12: false }) });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'audit_log', entityId: null, action: 'export', after: { rows: entries.length, filter } });
  return { fileName: `审计日志_${localDate().replace(/-/g, '')}.xlsx`, base64: buffer.toString('base64'), rows: entries.length };
}
