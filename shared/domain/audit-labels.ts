// How an audit entry reads for a person: the action and the thing in Chinese ("登录", "修改人员：张三"),
// and of a change only the fields that changed, under their Chinese labels (身份证号, 劳动能力), never the
// stored JSON with its English keys.
import { formatYuan } from './money';

export const AUDIT_ACTION_NAMES: Record<string, string> = {
  create: '新增', update: '修改', delete: '删除', import: '导入', undo: '撤销导入', approve: '审核通过', export: '导出',
  reveal: '查看完整号码', login: '登录', 'login-failed': '登录失败', logout: '退出登录', restore: '恢复备份', backup: '备份',
  'reset-password': '重置密码', 'change-password': '修改本人密码', submit: '提交', reopen: '重新打开', return: '退回',
  enrol: '报名', unenrol: '取消报名', exit: '退岗',
};

export const AUDIT_ENTITY_NAMES: Record<string, string> = {
  person: '人员', people: '人员台账', user: '用户', session: '', database: '数据库', audit_log: '审计日志',
  adjustment: '补发/扣回', attendance: '考勤', employment: '就业台账', employment_targets: '就业目标任务', import_batch: '导入批次',
  payroll_month: '乡镇月度发放', placement: '上岗安置', post: '公益岗位', report: '报表', service: '“131”服务', trainee: '培训学员',
  training: '培训班', township_plan: '乡镇岗位计划', year_policy: '年度政策',
};

/** Field labels for the keys entries store (camelCase from the engine, snake_case from tables). */
const FIELD_LABELS: Record<string, string> = {
  name: '姓名', idNumber: '身份证号', id_number: '身份证号', sex: '性别', birthDate: '出生日期', birth_date: '出生日期',
  townshipCode: '乡镇', township_code: '乡镇', villageCode: '村', village_code: '村', householdNo: '户编号', household_no: '户编号',
  relation: '与户主关系', category: '人员类别', labourAbility: '劳动能力', labour_ability: '劳动能力', phone: '联系电话',
  cardNumber: '社保卡号/银行卡号', card_number: '社保卡号/银行卡号', bank: '开户银行', remark: '备注',
  username: '用户名', displayName: '姓名', display_name: '姓名', role: '角色', townships: '负责乡镇', disabled: '已停用', lockedUntil: '锁定至',
  status: '状态', reason: '原因', returnedReason: '退回原因', lines: '人数', netFen: '实发金额（元）', anomalies: '异常提示', backup: '备份文件',
  plannedPosts: '计划岗位数', employmentTarget: '就业目标', attendedDays: '出勤天数', placementId: '安置编号', amountFen: '金额（元）',
  correctsMonth: '更正月份', kind: '类型', form: '就业形式', destinationProvince: '务工省份', destinationCity: '务工市县', employer: '就业单位',
  startMonth: '开始月份', monthsWorked: '务工月数', avgIncomeFen: '月均收入（元）', wantsWork: '就业意愿', reasonNotEmployed: '未就业原因',
  startDate: '上岗日期', exitDate: '退岗日期', exitReason: '退岗原因', agreementEndDate: '协议截止日期', postId: '岗位编号', postType: '岗位类型',
  employingUnit: '用工单位', year: '年度', rows: '行数', created: '新增', updated: '更新', unchanged: '未变', rejected: '拒绝', file: '文件',
  fileName: '文件名', month: '月份', field: '字段', ids: '人数',
};

const VALUE_NAMES: Record<string, string> = { clerk: '录入员', manager: '审核员', admin: '管理员' };

export function auditSummary(entity: string, action: string, after: string | null): string {
  const actionName = AUDIT_ACTION_NAMES[action] ?? action;
  const entityName = AUDIT_ENTITY_NAMES[entity] ?? entity;
  // 登录 of a session is just 登录, never 登录登录.
  const base = actionName.endsWith(entityName) ? actionName : `${actionName}${entityName}`;
  if (!after) return base;
  try {
    const data = JSON.parse(after) as Record<string, unknown>;
    if (typeof data.name === 'string') return `${base}：${data.name}`;
    if (typeof data.displayName === 'string') return `${base}：${data.displayName}`;
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
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => ({ field: k, label: FIELD_LABELS[k] ?? k, before: k in a ? text(k, a[k]) : '', after: k in b ? text(k, b[k]) : '' }));
}
