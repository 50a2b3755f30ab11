// How an audit entry reads for a person: the action and the thing in Chinese ("登录", "修改人员：张三"),
// and of a change only the fields that changed, under their Chinese labels (身份证号, 劳动能力), never the
// stored JSON with its English keys.
import { formatYuan } from './money';
import { fieldLabel } from './field-labels';

export const AUDIT_ACTION_NAMES: Record<string, string> = {
  create: '新增', update: '修改', delete: '删除', import: '导入', undo: '撤销导入', approve: '审核通过', export: '导出',
  reveal: '查看完整号码', login: '登录', 'login-failed': '登录失败', logout: '退出登录', restore: '恢复备份', backup: '备份',
  'reset-password': '重置密码', 'change-password': '修改本人密码', submit: '提交', reopen: '重新打开', return: '退回',
  enrol: '报名', unenrol: '取消报名', exit: '退岗', send: '报送银行', void: '作废', mark_retry: '标记重发', export_reconciliation: '导出对账表',
};

export const AUDIT_ENTITY_NAMES: Record<string, string> = {
  person: '人员', people: '人员台账', user: '用户', session: '', database: '数据库', audit_log: '审计日志',
  adjustment: '补发/扣回', attendance: '考勤', employment: '就业台账', employment_targets: '就业目标任务', import_batch: '导入批次',
  payroll_month: '乡镇月度发放', placement: '上岗安置', post: '公益岗位', report: '报表', service: '“131”服务', trainee: '培训学员',
  training: '培训班', township_plan: '乡镇岗位计划', year_policy: '年度政策', payment_batch: '代发批次', payment_line: '代发明细',
  bank_template: '银行文件格式', report_settings: '报表设置',
};

const VALUE_NAMES: Record<string, string> = { clerk: '录入员', manager: '审核员', admin: '管理员' };

/** Actions that read whole without naming the thing they act on. */
const WHOLE_ACTIONS = new Set(['login', 'login-failed', 'logout', 'reset-password', 'change-password', 'backup', 'restore']);

export function auditSummary(entity: string, action: string, after: string | null): string {
  const actionName = AUDIT_ACTION_NAMES[action] ?? action;
  const entityName = AUDIT_ENTITY_NAMES[entity] ?? entity;
  // 登录 of a session is just 登录, never 登录登录; 重置密码 names the user after the colon.
  const base = actionName.endsWith(entityName) || WHOLE_ACTIONS.has(action) ? actionName : `${actionName}${entityName}`;
  if (!after) return base;
  try {
    const data = JSON.parse(after) as Record<string, unknown>;
    if (typeof data.name === 'string') return `${base}：${data.name}`;
    if (typeof data.displayName === 'string') return `${base}：${data.displayName}`;
    if (typeof data.username === 'string') return `${base}：${data.username}`;
    if (typeof data.rows === 'number') return `${base}：${data.rows.toLocaleString('en-US')} 行`;
    if (typeof data.reason === 'string') return `${base}：${data.reason}`;
  } catch { /* plain text */ }
  return base;
}

export interface AuditChange { field: string; label: string; before: string; after: string }

function show(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' && key.endsWith('Fen')) return formatYuan(value);
  if (typeof value === 'string') return VALUE_NAMES[value] ?? value;
  if (Array.isArray(value)) return value.every((v) => typeof v !== 'object') ? value.join('、') || '（空）' : `${value.length.toLocaleString('en-US')} 项`;
  return JSON.stringify(value);
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : { 内容: value };
  } catch { return { 内容: json }; }
}

/** The fields an entry changed (for a new record: the fields it was created with), labelled in Chinese. */
export function auditChanges(before: string | null, after: string | null, labelFor: (field: string, value: unknown) => string | null = () => null): AuditChange[] {
  const a = parse(before) ?? {};
  const b = parse(after) ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'id' && !k.endsWith('At') && !k.endsWith('_at'));
  const one = (key: string, value: unknown) => (typeof value === 'string' ? labelFor(key, value) : null) ?? show(key, value);
  const text = (key: string, value: unknown) => (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? value.map((v) => one(key, v)).join('、') : one(key, value));
  const blank = (v: unknown) => v === null || v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    // A new record lists what it was created with, not its empty fields.
    .filter((k) => before !== null || !blank(b[k]))
    .map((k) => ({ field: k, label: fieldLabel(k), before: k in a ? text(k, a[k]) : '', after: k in b ? text(k, b[k]) : '' }));
}
