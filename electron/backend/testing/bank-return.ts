// Test helper: the bank's answer to a batch file, written by openpyxl as a bank's own software would — its
// own sheet and headers (户名, 账号, 交易金额, 处理状态, 失败原因), card numbers as text, every line 成功 except
// the failures given by 序号.
import { execFileSync } from 'node:child_process';

const SCRIPT = `
import json, sys, openpyxl
src, out, failures = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
sheet = openpyxl.load_workbook(src).active
header = [c.value for c in sheet[2]]
col = {name: header.index(name) for name in header}
wb = openpyxl.Workbook(); ws = wb.active; ws.title = '代发结果'
ws.append(['序号', '户名', '账号', '交易金额', '处理状态', '失败原因'])
for row in sheet.iter_rows(min_row=3, values_only=True):
    if row[0] == '合计': break
    seq = row[col['序号']]
    reason = failures.get(str(seq))
    ws.append([seq, row[col['姓名']], str(row[col['卡号']]), row[col['金额']], '失败' if reason else '成功', reason or ''])
    ws.cell(ws.max_row, 3).number_format = '@'
wb.save(out)
`;

/** Reads a bank file in the default template (title, header, lines, 合计) and writes the bank's return file. */
export function writeBankReturn(bankFile: string, out: string, failures: Record<number, string>): void {
  execFileSync('/usr/bin/python3', ['-c', SCRIPT, bankFile, out, JSON.stringify(failures)], { stdio: 'pipe' });
}
