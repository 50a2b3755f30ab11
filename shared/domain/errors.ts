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
  VALUE_MISSING: '“{column}”不能为空',
  DIGITS_LOST: '“{column}”被Excel存成了数字，末尾几位已经丢失，请把该列设为文本后重新填写',
  FILE_NOT_WORKBOOK: '这个文件不是Excel工作簿（.xlsx），无法导入',
  FILE_LEGACY_XLS: '这是旧版Excel（.xls）或WPS表格（.et）文件，请在Excel或WPS中打开，选择“文件→另存为”，保存类型选“Excel工作簿（*.xlsx）”，再导入另存的文件',
  FILE_OTHER_FORMAT: '这是{format}文件，不是Excel工作簿（.xlsx）；请在Excel或WPS中打开后另存为“Excel工作簿（*.xlsx）”再导入',
  FILE_ENCRYPTED: '文件设置了打开密码，无法读取；请在Excel或WPS中取消密码（文件→信息→保护工作簿）后另存，再导入',
  FILE_CORRUPT: '文件已损坏，无法读取（{detail}）；请在Excel或WPS中打开并另存为.xlsx后再试',
  FILE_TOO_LARGE: '文件有{size}，超过了50 MB的上限；请按乡镇拆分后分别导入',
  FILE_EXPANDS_TOO_MUCH: '文件解压后的内容异常庞大（可能是损坏或恶意构造的文件），已拒绝读取',
  TOO_MANY_ROWS: '工作表“{sheet}”超过了100万行的上限，请拆分后分别导入',
  NO_SHEETS: '工作簿中没有可以读取的工作表',
  SHEET_NOT_FOUND: '工作簿中没有名为“{sheet}”的工作表',
  HEADER_NOT_FOUND: '在工作表“{sheet}”的前{rows}行中找不到表头（至少要有身份证号、姓名等列名）',
  COLUMN_MISSING: '缺少必需的列：{columns}',
  IMPORT_EXPIRED: '导入的文件已过期，请重新选择文件',
  ALREADY_IMPORTED: '这个文件已于{at}导入（第{batchId}批），本次没有做任何修改',
  BATCH_NOT_FOUND: '找不到第{batchId}批导入记录',
  BATCH_ALREADY_UNDONE: '第{batchId}批导入已经撤销过了',
  UNDO_BLOCKED: '第{later}批导入在此之后修改了同一批人员，请先撤销第{later}批',
  UNDO_REFERENCED: '“{name}”在导入之后已有上岗、就业或培训等记录，不能撤销这批导入',
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
