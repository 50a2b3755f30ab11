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
  OUT_OF_SCOPE: '这条记录不属于您负责的乡镇，不能查看或修改',
  UNAUTHENTICATED: '请先登录（长时间未操作会自动退出）',
  LOGIN_FAILED: '用户名或密码不正确（连续{limit}次错误将锁定{minutes}分钟）',
  ACCOUNT_LOCKED: '密码错误次数过多，账号已锁定，请在{until}之后再试',
  ACCOUNT_DISABLED: '该账号已停用，请联系管理员',
  SETUP_DONE: '管理员账号已经创建，请直接登录',
  USERNAME_TAKEN: '用户名“{username}”已被使用',
  WEAK_PASSWORD: '密码不符合要求：{reason}',
  UNKNOWN_USER: '没有名为“{username}”的用户',
  LAST_ADMIN: '不能停用或降级最后一个管理员',
  BACKUP_INVALID: '备份文件无法使用：{detail}',
  BACKUP_FOREIGN: '这份备份属于另一个县（{county}），不能恢复到本县',
  BACKUP_NEWER: '这份备份来自更新版本的工作台，请先升级工作台',
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
  NOT_FOUND: 'record not found',
  VALIDATION: 'invalid input',
  FORBIDDEN: 'not permitted',
  OUT_OF_SCOPE: 'record belongs to a township outside your assignment',
  UNAUTHENTICATED: 'not logged in',
  LOGIN_FAILED: 'wrong user name or password',
  ACCOUNT_LOCKED: 'account locked after too many failed logins',
  ACCOUNT_DISABLED: 'account disabled',
  SETUP_DONE: 'the first administrator already exists',
  USERNAME_TAKEN: 'user name already taken',
  WEAK_PASSWORD: 'password too weak',
  UNKNOWN_USER: 'no such user',
  LAST_ADMIN: 'the last administrator cannot be disabled or demoted',
  BACKUP_INVALID: 'backup file cannot be used',
  BACKUP_FOREIGN: 'backup belongs to another county',
  BACKUP_NEWER: 'backup comes from a newer workbench version',
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
