// Every error code the workbench reports, with its one Chinese message. The importer, the UI and the
// CLI all take their text from here, so a clerk sees the same words wherever a problem shows up.

export const ERROR_MESSAGES = {
  ID_MISSING: '身份证号不能为空',
  ID_FORMAT: '身份证号应为18位：17位数字加1位校验码（0-9或X）{hint}',
  ID_CHECKSUM: '身份证号校验位不正确，请核对每一位数字',
  ID_BIRTHDATE: '身份证号中的出生日期不存在或晚于今天',
  ID_PRECISION_LOST: '身份证号被Excel存成了数字，末尾几位已经丢失，请把该列设为文本后重新填写',
  ID_DUPLICATE: '该身份证号已登记：{name}',
  NAME_MISSING: '姓名不能为空',
  NAME_MISMATCH: '身份证号已登记为“{expected}”，与本行姓名“{actual}”不一致',
  DUPLICATE_IN_FILE: '本文件第{firstRow}行已有相同的身份证号，本行未导入',
  UNKNOWN_TOWNSHIP: '乡镇“{value}”不在本县的乡镇名单中',
  UNKNOWN_VILLAGE: '村“{value}”不在本县的村名单中',
  VILLAGE_NOT_IN_TOWNSHIP: '村“{value}”不属于所选乡镇（它属于{actual}）',
  TOWNSHIP_MISSING: '请选择乡镇',
  VILLAGE_MISSING: '请选择村',
  BAD_DATE: '日期“{value}”无法识别',
  BAD_NUMBER: '数字“{value}”无法识别',
  BAD_ENUM: '“{value}”不是可选的值，可选：{allowed}',
  BAD_PHONE: '联系电话应为11位手机号或带区号的固定电话',
  BAD_CARD: '卡号应为16到19位数字',
  CARD_LUHN: '卡号校验未通过，请核对（仍可保存）',
  PERSON_NOT_FOUND: '人员台账中没有这个身份证号',
  NOT_ELIGIBLE: '不符合条件：{reason}',
  ALREADY_PLACED: '此人已在公益岗位上岗，一人只能占一个岗位',
  MONTH_LOCKED: '{month}已审核锁定，不能修改',
  NOT_FOUND: '要找的记录不存在',
  VALIDATION: '输入有误：{detail}',
  FORBIDDEN: '没有权限进行此操作',
  UNTRUSTED_SENDER: '请求来源不可信，已拒绝',
  DB_NOT_WORKBENCH: '这个文件不是工作台数据库：{path}',
  DB_CORRUPT: '数据库完整性检查未通过：{detail}',
  DB_EXISTS: '数据库文件已存在，不会覆盖：{path}',
  UNKNOWN_COUNTY: '找不到区划代码为{code}的县级行政区',
  INTERNAL: '程序内部错误：{detail}',
  // Public-welfare posts and placements (公益岗位与上岗安置)
  POLICY_MISSING: '{year}年度政策尚未设置，请管理员先在“设置 → 年度政策”中填写',
  POLICY_INVALID: '年度政策有误：{detail}',
  PLAN_INVALID: '岗位计划有误：{detail}',
  POST_OVER_PLAN: '{scope}{year}年计划{plan}个公益岗位，已开发{developed}个，不能再增加；如需增加，请审核员先调整计划',
  BAD_POST_TYPE: '岗位类型“{value}”不是可选的值，可选：{allowed}',
  PLACEMENT_DATE_OUTSIDE: '上岗日期{date}不在{year}年度的发放月份（{first}至{last}）内',
  AGREEMENT_END_INVALID: '协议截止日期{date}应在上岗日期{start}到{max}之间（{year}年度政策：协议期{months}个月，发放至{last}）',
  AGE_CONFIRM: '上岗时{age}岁，已满{warnAge}岁：请确认本人身体状况仍能胜任岗位（{refuseAge}岁起不得上岗）',
  HOUSEHOLD_PLACED: '同户的{name}已在公益岗位上岗（{from}至{to}），政策规定一户一岗',
  VILLAGE_MISMATCH: '岗位在{postVillage}，本人户籍在{personVillage}',
  POST_OCCUPIED: '该岗位{from}至{to}由{name}在岗，{vacantFrom}起才空缺',
  CONFIRMATION_REQUIRED: '上岗前请确认以下提示：{detail}',
  EXIT_DATE_INVALID: '退岗日期{date}应在上岗日期{start}到协议截止日期{end}之间',
  ALREADY_EXITED: '此人已于{date}退岗（{reason}），不能重复退岗',
  REPLACES_INVALID: '补岗有误：{detail}',
  SUBSIDY_DIFFERS: '本行月补贴标准{value}元与{year}年度政策{policy}元不一致，按政策标准记录',
  REPORT_UNAVAILABLE: '报表{report}尚未开放',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface WorkbenchError {
  code: ErrorCode;
  message: string;
}

/** The message for a code, with {placeholders} filled from params. */
export function messageFor(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return ERROR_MESSAGES[code].replace(/\{(\w+)\}/g, (_whole, key: string) =>
    key in params ? String(params[key]) : '',
  );
}

export function workbenchError(code: ErrorCode, params: Record<string, string | number> = {}): WorkbenchError {
  return { code, message: messageFor(code, params) };
}
