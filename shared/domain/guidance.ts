// What to do about a problem, for the codes a clerk meets most in imports and checks: the message says what is
// wrong (errors.ts); this says how to put it right. Shown after the explanation; the code stays small.
import type { ErrorCode } from './errors';

export const WHAT_TO_DO: Partial<Record<ErrorCode, string>> = {
  ID_CHECKSUM: '对照身份证或户口本逐位核对，改正后重新导入这一行',
  ID_FORMAT: '补全为18位（最后一位可以是X），改正后重新导入',
  ID_PRECISION_LOST: '在Excel中把身份证号列设为“文本”，重新录入后再导入',
  ID_BIRTHDATE: '核对身份证号中的出生日期（第7–14位）',
  ID_MISSING: '填写身份证号；没有身份证号的人员不能入库',
  NAME_MISSING: '填写姓名',
  NAME_MISMATCH: '核对是否填错了人；确需改名请在“人员台账”中修改',
  DUPLICATE_IN_FILE: '删除重复的一行，或核对身份证号是否抄错',
  UNKNOWN_TOWNSHIP: '按本县的乡镇名称填写（见“设置 → 本县”）',
  UNKNOWN_VILLAGE: '按民政区划中的村名填写，或检查是否有错别字',
  VILLAGE_NOT_IN_TOWNSHIP: '核对乡镇和村是否填在了对应的一行',
  BAD_DATE: '写成2022-03-01这样的日期',
  BAD_NUMBER: '只填数字，不要带单位或文字',
  BAD_ENUM: '从可选的值中选一个填写',
  BAD_PHONE: '填写11位手机号，或区号加7–8位的固定电话（如0335-1234567）',
  BAD_CARD: '核对卡号位数（16–19位）',
  PERSON_NOT_FOUND: '先在“人员台账”中登记此人，或导入人员花名册后再导入',
  OUT_OF_SCOPE: '交给该乡镇的录入员或管理员处理',
  NOT_ON_POST: '核对月份，或先在“上岗安置”中安排上岗',
  BAD_DAYS: '填写0到31之间的整数',
  EMP_NO_RECENT_SERVICE: '在“培训服务”中为此人登记一次职业指导或岗位信息推送',
  EMP_POST_AND_AWAY: '核对务工月份：在岗期间不应同时在县外务工',
  EMP_MONTHS_BEYOND_YEAR: '把务工月数改为本年度内的月数',
  EMP_INCOME_NOT_EMPLOYED: '已就业请改状态并选就业形式；未就业请清空月均收入',
  EMP_FORM_REQUIRED: '选择就业形式（如县内务工、省外务工）',
  EMP_POST_CONFLICT: '核对月份：在岗期间只能是公益岗位就业',
  EMP_NOT_LABOURER: '不是本年度的脱贫劳动力，不需要进入就业台账',
  VALUE_MISSING: '补填这一格',
  COLUMN_MISSING: '在表头中加上这一列，或在“列对应关系”中指定对应的列',
};

/** The how-to-fix text of a code, or '' where the message says it all. */
export function whatToDo(code: string): string {
  return (WHAT_TO_DO as Record<string, string | undefined>)[code] ?? '';
}
