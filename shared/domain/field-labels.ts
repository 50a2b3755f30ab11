// The Chinese label of each field name the engine uses (camelCase in the contract, snake_case in tables):
// what the audit log, validation messages and import issues show instead of the identifier.

export const FIELD_LABELS: Record<string, string> = {
  name: '姓名', idNumber: '身份证号', id_number: '身份证号', sex: '性别', birthDate: '出生日期', birth_date: '出生日期',
  townshipCode: '乡镇', township_code: '乡镇', villageCode: '村', village_code: '村', householdNo: '户编号', household_no: '户编号',
  relation: '与户主关系', category: '人员类别', labourAbility: '劳动能力', labour_ability: '劳动能力', phone: '联系电话',
  cardNumber: '社保卡号/银行卡号', card_number: '社保卡号/银行卡号', bank: '开户银行', remark: '备注',
  username: '用户名', displayName: '姓名', display_name: '姓名', role: '角色', townships: '负责乡镇', disabled: '已停用', lockedUntil: '锁定至',
  password: '密码', oldPassword: '原密码',
  status: '状态', reason: '原因', returnedReason: '退回原因', lines: '人数', netFen: '实发金额（元）', anomalies: '异常提示', backup: '备份文件',
  plannedPosts: '计划岗位数', employmentTarget: '就业目标', attendedDays: '出勤天数', placementId: '安置编号', amountFen: '金额（元）',
  correctsMonth: '更正月份', kind: '类型', form: '就业形式', destinationProvince: '务工省份', destinationCity: '务工市县', employer: '就业单位',
  startMonth: '开始月份', monthsWorked: '务工月数', avgIncomeFen: '月均收入（元）', wantsWork: '就业意愿', reasonNotEmployed: '未就业原因',
  startDate: '上岗日期', exitDate: '退岗日期', exitReason: '退岗原因', agreementEndDate: '协议截止日期', postId: '岗位编号', postType: '岗位类型',
  employingUnit: '用工单位', year: '年度', rows: '行数', created: '新增', updated: '更新', unchanged: '未变', rejected: '拒绝', file: '文件',
  fileName: '文件名', month: '月份', field: '字段', ids: '人数', idNumbers: '身份证号', entries: '录入内容', fragment: '查找内容',
  from: '起始日期', to: '截止日期', person: '人员', action: '操作', directory: '文件夹', monthlySubsidyFen: '月补贴标准',
  batchNo: '批次号', totalFen: '合计金额（元）', retries: '重发笔数', format: '文件格式', encoding: '编码', separator: '分隔符',
  footerRow: '合计行', paid: '成功笔数', failed: '失败笔数', paidFen: '成功金额（元）', failedFen: '失败金额（元）',
};

export function fieldLabel(field: string | number): string {
  return typeof field === 'number' ? `第${field + 1}项` : FIELD_LABELS[field] ?? field;
}
