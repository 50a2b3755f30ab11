#!/usr/bin/python3
# A township's 就业台账 written by openpyxl (not by the exceljs the workbench writes with): a title naming the
# year, a merged two-row header with a 务工地点 group, columns in the township's own order, an extra column,
# month cells as text and as real dates, a totals row and a note. Rows come as JSON on argv[2].
# usage: employment_workbook.py OUT.xlsx ROWS_JSON
import datetime
import json
import sys

from openpyxl import Workbook

out, rows = sys.argv[1], json.loads(sys.argv[2])
wb = Workbook()
ws = wb.active
ws.title = '就业台账'
ws['A1'] = '卢龙县燕河营镇2022年脱贫劳动力就业台账'
ws.merge_cells('A1:M1')
ws['A2'] = '填报单位：燕河营镇社保所'
top = ['序号', '姓名', '公民身份号码', '是否就业', '就业方式', '务工地点', None, '务工单位', '外出务工时间', '务工时长（月）', '月均收入（元）', '是否有就业意愿', '帮扶责任人']
sub = [None, None, None, None, None, '省', '市（县）', None, None, None, None, None, None]
for col, (a, b) in enumerate(zip(top, sub), start=1):
    if a is not None:
        ws.cell(row=3, column=col, value=a)
    if b is not None:
        ws.cell(row=4, column=col, value=b)
ws.merge_cells('F3:G3')
for col in [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13]:
    ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
for i, r in enumerate(rows, start=1):
    start = r.get('start')
    if isinstance(start, str) and start.startswith('date:'):
        start = datetime.datetime.strptime(start[5:], '%Y-%m-%d')
    values = [i, r.get('name'), r.get('id'), r.get('status'), r.get('form'), r.get('province'), r.get('city'), r.get('employer'), start, r.get('months'), r.get('income'), r.get('wants'), '王干部']
    for col, v in enumerate(values, start=1):
        cell = ws.cell(row=4 + i, column=col, value=v)
        if isinstance(v, datetime.datetime):
            cell.number_format = 'yyyy"年"m"月"'
last = 4 + len(rows)
ws.cell(row=last + 1, column=1, value='合计')
ws.cell(row=last + 1, column=2, value=f'{len(rows)}人')
ws.cell(row=last + 2, column=1, value='填表人：李四    审核人：张三')
wb.save(out)
