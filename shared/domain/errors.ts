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
  MONTH_SUBMITTED: '{month}{township}已提交审核，退回后才能修改',
  PAYROLL_STATE: '{month}{township}当前为“{status}”，不能{action}',
  REASON_REQUIRED: '请填写{action}的原因',
  BAD_MONTH: '月份“{value}”应为YYYY-MM格式',
  BAD_DAYS: '出勤天数“{value}”应为0到31之间的整数',
  NOT_ON_POST: '此人{month}不在公益岗位上',
  ADJUSTMENT_INVALID: '补发/扣回无效：{reason}',
  PAY_DAYS_OVER: '{name}出勤{attended}天，超过本月在岗的{days}天',
  PAY_TWO_PLACEMENTS: '{name}本月同时在{count}个公益岗位上',
  PAY_CARD_MISSING: '{name}没有社保卡号或银行卡号，无法发放',
  PAY_CARD_DUPLICATE: '{name}的卡号与{other}相同',
  PAY_NOT_ELIGIBLE: '{name}不符合上岗条件：{reason}',
  PAY_AGE_OUTSIDE: '{name}上岗时{age}岁，不在{min}到{max}岁的范围内',
  PAY_HOUSEHOLD_DUPLICATE: '{name}所在户（{household}）本月有{count}人在岗，政策规定一户一岗',
  PAY_OUTSIDE_AGREEMENT: '{name}的协议期为{start}至{end}，{month}不在协议期内，本月不发放',
  PAY_OUTSIDE_PAID_MONTHS: '{name}：{month}不在{year}年度的发放月份（{first}至{last}）内，本月不发放',
  PAY_NO_ATTENDANCE: '{name}在岗但没有{month}的考勤，本月暂不发放',
  PAY_NET_NEGATIVE: '{name}扣回后实发为负数（{net}元），需在以后月份继续扣回',
  NOT_FOUND: '要找的记录不存在',
  VALIDATION: '输入有误：{detail}',
  FORBIDDEN: '没有权限进行此操作',
  UNTRUSTED_SENDER: '请求来源不可信，已拒绝',
  DB_NOT_WORKBENCH: '这个文件不是工作台数据库：{path}',
  DB_CORRUPT: '数据库完整性检查未通过：{detail}',
  DB_EXISTS: '数据库文件已存在，不会覆盖：{path}',
  UNKNOWN_COUNTY: '找不到区划代码为{code}的县级行政区',
  INTERNAL: '程序内部错误：{detail}',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The command line speaks English (SPEC §6 output is read by scripts and by administrators); the
 * Chinese message still travels in --json output for the clerk-facing tools. */
export const ERROR_SUMMARIES_EN: Record<ErrorCode, string> = {
  ID_MISSING: 'ID number is missing',
  ID_FORMAT: 'ID number must be 17 digits and a check character',
  ID_CHECKSUM: 'ID number check character is wrong',
  ID_BIRTHDATE: 'ID number holds an impossible or future birth date',
  ID_PRECISION_LOST: 'ID number was stored by Excel as a number and lost its last digits',
  ID_DUPLICATE: 'ID number is already registered',
  NAME_MISSING: 'name is missing',
  NAME_MISMATCH: 'name differs from the registered name for this ID number',
  DUPLICATE_IN_FILE: 'the same ID number appears earlier in the file',
  UNKNOWN_TOWNSHIP: 'township is not in this county',
  UNKNOWN_VILLAGE: 'village is not in this county',
  VILLAGE_NOT_IN_TOWNSHIP: 'village belongs to another township',
  TOWNSHIP_MISSING: 'township is missing',
  VILLAGE_MISSING: 'village is missing',
  BAD_DATE: 'date not recognised',
  BAD_NUMBER: 'number not recognised',
  BAD_ENUM: 'value is not one of the allowed values',
  BAD_PHONE: 'phone number not recognised',
  BAD_CARD: 'card number must be 16 to 19 digits',
  CARD_LUHN: 'card number fails the Luhn check',
  PERSON_NOT_FOUND: 'no person with this ID number in the ledger',
  NOT_ELIGIBLE: 'not eligible',
  ALREADY_PLACED: 'person already holds a post',
  MONTH_LOCKED: 'month is approved and locked',
  MONTH_SUBMITTED: 'month is submitted for approval; return it before editing',
  PAYROLL_STATE: 'the township-month is not in a state that allows this',
  REASON_REQUIRED: 'a reason is required',
  BAD_MONTH: 'month must be YYYY-MM',
  BAD_DAYS: 'attended days must be a whole number from 0 to 31',
  NOT_ON_POST: 'person is not on a post in this month',
  ADJUSTMENT_INVALID: 'adjustment is not valid',
  PAY_DAYS_OVER: 'attended days exceed the days on post in the month',
  PAY_TWO_PLACEMENTS: 'person holds two active placements',
  PAY_CARD_MISSING: 'card number missing',
  PAY_CARD_DUPLICATE: 'card number shared with another person',
  PAY_NOT_ELIGIBLE: 'category or labour ability not eligible',
  PAY_AGE_OUTSIDE: 'age on the start date outside the policy band',
  PAY_HOUSEHOLD_DUPLICATE: 'two placements in one household where the policy allows one',
  PAY_OUTSIDE_AGREEMENT: 'month outside the placement agreement; pays nothing',
  PAY_OUTSIDE_PAID_MONTHS: "month outside the year's paid months; pays nothing",
  PAY_NO_ATTENDANCE: 'person on post has no attendance for the month; not paid',
  PAY_NET_NEGATIVE: 'net pay is negative after a clawback',
  NOT_FOUND: 'record not found',
  VALIDATION: 'invalid input',
  FORBIDDEN: 'not permitted',
  UNTRUSTED_SENDER: 'request from an untrusted sender',
  DB_NOT_WORKBENCH: 'not a workbench database',
  DB_CORRUPT: 'database failed its integrity check',
  DB_EXISTS: 'database file already exists and will not be overwritten',
  UNKNOWN_COUNTY: 'no county with this division code',
  INTERNAL: 'internal error',
};

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
